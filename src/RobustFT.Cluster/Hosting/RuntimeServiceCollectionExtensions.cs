using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>The services of one node, and the <see cref="RuntimeServices"/> its actors share (built once). A node with
/// the gpu role needs its models registered by the caller: one <see cref="ModelDevice"/> per device.</summary>
public static class RuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddRobustFtServices(this IServiceCollection services, RuntimeOptions options, NodeIdentity identity)
    {
        services.AddSingleton(options);
        services.AddSingleton(identity);
        services.AddSingleton(options.Store);
        services.AddSingleton(options.Worker);
        services.AddSingleton(options.Coordinator);
        services.AddSingleton(options.Entity);
        services.AddSingleton(new RunDatabase(options.Store));
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Runs);
        services.AddSingleton(sp => sp.GetRequiredService<RunDatabase>().Samples);
        services.AddSingleton<RunCatalog>();
        services.AddSingleton<InferenceCache>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<CleanIndex>();
        services.AddSingleton<RunExporter>();
        services.AddSingleton<RunIngestor>();
        if (options.Roles.HasFlag(NodeRoles.Gpu)) services.AddSingleton<WorkerDevices>();
        services.AddSingleton(sp => new RuntimeServices(
            sp.GetRequiredService<RunStore>(),
            sp.GetRequiredService<SampleReadModel>(),
            sp.GetRequiredService<RunCatalog>(),
            sp.GetRequiredService<InferenceCache>(),
            sp.GetRequiredService<RunControl>(),
            sp.GetRequiredService<WorkerMetrics>(),
            options.Entity,
            options.Coordinator,
            options.Worker,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
        {
            Devices = options.Roles.HasFlag(NodeRoles.Gpu) ? sp.GetRequiredService<WorkerDevices>().All : [],
            ExecutionProvider = identity.ExecutionProvider,
        });
        return services;
    }
}
