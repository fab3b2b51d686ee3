using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>
/// A MassTransit test harness (in-memory transport) running <see cref="CounterStateMachine"/> on the SQL repository,
/// with message retry (optimistic concurrency conflicts are retried) and up to 32 messages consumed at once.
/// </summary>
public sealed class CounterHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CounterHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _provider;

    public ISagaStateMachineTestHarness<CounterStateMachine, CounterSaga> Saga =>
        Harness.GetSagaStateMachineHarness<CounterStateMachine, CounterSaga>();

    public static async Task<CounterHarness> StartAsync(IDbConnectionFactory connections, string tableName, bool deleteWhenFinalized = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CounterFinalization(deleteWhenFinalized));
        services.AddMassTransitTestHarness(x =>
        {
            x.AddSagaStateMachine<CounterStateMachine, CounterSaga>()
                .SqlRepository(o =>
                {
                    o.ConnectionFactory = connections;
                    o.TableName = tableName;
                });
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseMessageRetry(r => r.Immediate(100));
                cfg.ConcurrentMessageLimit = 32;
                cfg.ConfigureEndpoints(context);
            });
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new CounterHarness(provider);
        harness.Harness.TestTimeout = TimeSpan.FromSeconds(30);
        await harness.Harness.Start();
        return harness;
    }

    public Task PublishAsync<T>(T message)
        where T : class =>
        Harness.Bus.Publish(message);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
