using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Activities;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>
/// The sample state machine on MassTransit's test harness (in-memory transport and saga repository) with its real
/// activities, reading a real run (<see cref="RunStore"/> + <see cref="RunCatalog"/>) from a temporary SQLite file that
/// holds <see cref="TestSamples.Arc"/>. The test plays the GPU worker and the coordinator.
/// </summary>
public sealed class SampleSagaHarness : IAsyncDisposable
{
    private static readonly CancellationToken Now = new(canceled: true);

    private readonly ServiceProvider _provider;
    private readonly string _directory;

    private SampleSagaHarness(ServiceProvider provider, string directory, RunContext run)
    {
        _provider = provider;
        _directory = directory;
        Run = run;
        Bus = provider.GetRequiredService<ITestHarness>();
        Sagas = Bus.GetSagaStateMachineHarness<SampleStateMachine, SampleSaga>();
    }

    public ITestHarness Bus { get; }
    public ISagaStateMachineTestHarness<SampleStateMachine, SampleSaga> Sagas { get; }
    public SampleStateMachine Machine => Sagas.StateMachine;
    public RunContext Run { get; }
    public string RunId => Run.Settings.RunId;

    public static async Task<SampleSagaHarness> StartAsync(MethodOptions? method = null, PromptTemplates? prompts = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "saga-" + Guid.NewGuid().ToString("N"));
        var store = new RunStore(new SqliteConnectionFactory(Path.Combine(directory, "run.db")));
        await store.EnsureSchemaAsync();
        var settings = TestRunSettings.Create("run-" + Guid.NewGuid().ToString("N")[..8], method, directory, prompts);
        await store.CreateOrGetAsync(settings);
        await store.InsertSamplesAsync(settings.RunId, TestSamples.Arc);
        var catalog = new RunCatalog(store);

        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton(catalog);
        services.AddScoped<DispatchStepActivity>();
        services.AddScoped<RecordResultActivity>();
        services.AddMassTransitTestHarness(x =>
        {
            x.AddSagaStateMachine<SampleStateMachine, SampleSaga>().InMemoryRepository();
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new SampleSagaHarness(provider, directory, await catalog.GetAsync(settings.RunId));
        harness.Bus.TestTimeout = TimeSpan.FromSeconds(5);
        harness.Bus.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await harness.Bus.Start();
        return harness;
    }

    public Guid IdOf(string sampleId) => SampleIdentity.CorrelationId(RunId, sampleId);

    /// <summary>Publishes <paramref name="message"/> and returns once the saga endpoint has consumed it (asserting that it
    /// did not fault), so that everything it causes has happened.</summary>
    public async Task DeliverAsync<T>(T message) where T : class
    {
        var messageId = NewId.NextGuid();
        await Bus.Bus.Publish(message, c => c.MessageId = messageId);
        Assert.True(await Bus.Consumed.Any<T>(m => m.Context.MessageId == messageId),
            $"{typeof(T).Name} {messageId} was not consumed within {Bus.TestTimeout}");
        var fault = Bus.Consumed.Select<T>(m => m.Context.MessageId == messageId, Now).Select(m => m.Exception).FirstOrDefault(e => e is not null);
        Assert.Null(fault);
    }

    public Task StartSampleAsync(string sampleId) => DeliverAsync(new StartSample(IdOf(sampleId), RunId, sampleId));

    public Task CompleteAsync(string sampleId, string step, string text, float[]? logprobs = null, string? error = null) =>
        DeliverAsync(new GenerateCompleted(IdOf(sampleId), step, text, logprobs ?? [-0.25f], false, error));

    /// <summary>The saga of <paramref name="sampleId"/>, asserting that it is (or gets, within the test timeout) in the given state.</summary>
    public async Task<SampleSaga> InStateAsync(string sampleId, Func<SampleStateMachine, State> state)
    {
        var expected = state(Machine);
        var found = await Sagas.Exists(IdOf(sampleId), state, TimeSpan.FromSeconds(2));
        var saga = Find(sampleId);
        Assert.True(found.HasValue, $"sample {sampleId} is in state '{saga?.CurrentState ?? "(no saga)"}', expected '{expected.Name}'");
        return saga!;
    }

    /// <summary>The saga right now, or null when it does not exist; never waits.</summary>
    public SampleSaga? Find(string sampleId)
    {
        var id = IdOf(sampleId);
        return Sagas.Sagas.Select(s => s.CorrelationId == id, Now).Select(s => s.Saga).FirstOrDefault();
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far for <paramref name="sampleId"/>'s saga; never waits.</summary>
    public IReadOnlyList<T> Published<T>(string sampleId) where T : class
    {
        var id = IdOf(sampleId);
        return Bus.Published.Select<T>(Now).Select(m => m.Context.Message)
            .Where(m => CorrelationOf(m) == id).ToList();
    }

    /// <summary>How many messages the saga published so far (the test's own messages excluded); never waits.</summary>
    public int RequestCount => Bus.Published.Select(m => m.MessageType.Name.EndsWith("Request", StringComparison.Ordinal), Now).Count();

    private static Guid? CorrelationOf(object message) =>
        message.GetType().GetProperty("CorrelationId")?.GetValue(message) as Guid?;

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _provider.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
