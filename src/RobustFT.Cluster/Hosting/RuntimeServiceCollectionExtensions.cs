using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Activities;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>Composition of the actor runtime. Transport and store are the only differences between embedded and
/// cluster mode; the sagas, consumers and coordinator are the same.</summary>
public static class RuntimeServiceCollectionExtensions
{
    public const string SagaTable = "sample_sagas";

    /// <summary>Registers the runtime for <paramref name="options"/>.Roles. A node with the Gpu role needs an
    /// <c>ILanguageModel</c> and an <c>IEmbedder</c> registered by the caller.</summary>
    public static IServiceCollection AddRobustFtRuntime(this IServiceCollection services, RuntimeOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Store);
        services.AddSingleton(options.Worker);
        services.AddSingleton(options.Coordinator);
        services.AddSingleton(new RunDatabase(options.Store));
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Runs);
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Sagas);
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Nodes);
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Leases);
        services.AddSingleton<RunCatalog>();
        services.AddSingleton<InferenceCache>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<GenerationGate>();
        services.AddSingleton<EmbeddingGate>();
        services.AddSingleton<CleanIndex>();
        services.AddSingleton<RunExporter>();
        services.AddSingleton<RunIngestor>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton(options.Identity ?? NodeIdentity.ForThisProcess(options.Roles, "cpu"));
        services.AddSingleton(sp => new NodeHeartbeat(sp.GetRequiredService<NodeRegistry>(), sp.GetRequiredService<WorkerMetrics>(),
            sp.GetRequiredService<NodeIdentity>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NodeHeartbeat>>()) { Interval = options.HeartbeatInterval });
        services.AddSingleton<CoordinatorService>();
        services.AddScoped<DispatchStepActivity>();
        services.AddScoped<RecordResultActivity>();

        services.AddMassTransit(x =>
        {
            if (options.Roles.HasFlag(NodeRoles.Sample))
            {
                x.AddSagaStateMachine<SampleStateMachine, SampleSaga>(typeof(SampleSagaDefinition))
                    .SqlRepository(o =>
                    {
                        o.ConnectionFactory = options.Store;
                        o.TableName = SagaTable;
                        o.Json = StoreJson.Options;
                    });
                x.AddConsumer<RetrieveConsumer>().Endpoint(e => e.Name = "robustft-retrieve");
            }
            if (options.Roles.HasFlag(NodeRoles.Gpu))
            {
                x.AddConsumer<GenerateBatchConsumer, GenerateBatchConsumerDefinition>();
                x.AddConsumer<EmbedBatchConsumer, EmbedBatchConsumerDefinition>();
            }

            if (options.Transport.IsRabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var t = options.Transport;
                    cfg.Host(t.Host, (ushort)t.Port, t.VirtualHost, h =>
                    {
                        h.Username(t.Username);
                        h.Password(t.Password);
                    });
                    cfg.PrefetchCount = t.PrefetchCount;
                    if (t.QuorumQueues) cfg.SetQuorumQueue();
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }
}
