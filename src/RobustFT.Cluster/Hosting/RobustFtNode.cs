using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>One running process of the actor runtime: its services and its started bus. Embedded mode and cluster
/// nodes are both a node; they differ in roles, transport and store.</summary>
public sealed class RobustFtNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IBusControl _bus;
    private NodeHeartbeat? _heartbeat;
    private CoordinatorService? _coordinator;

    private RobustFtNode(ServiceProvider services)
    {
        _services = services;
        _bus = services.GetRequiredService<IBusControl>();
    }

    public IServiceProvider Services => _services;
    public RuntimeOptions Options => _services.GetRequiredService<RuntimeOptions>();
    public NodeIdentity Identity => _services.GetRequiredService<NodeIdentity>();

    /// <summary>Whether the bus is up: what a readiness probe reports.</summary>
    public bool IsReady => _bus.CheckHealth().Status == BusHealthStatus.Healthy;


    /// <summary>Builds the services (<paramref name="configure"/> registers models and logging), creates the schema and
    /// starts the bus.</summary>
    public static async Task<RobustFtNode> StartAsync(RuntimeOptions options, Action<IServiceCollection> configure, CancellationToken ct)
    {
        var services = new ServiceCollection();
        configure(services);
        services.AddRobustFtRuntime(options);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });
        try
        {
            await provider.GetRequiredService<RunDatabase>().EnsureSchemaAsync(ct);
            var node = new RobustFtNode(provider);
            await StartBusAsync(node._bus, options, provider.GetService<ILoggerFactory>()?.CreateLogger<RobustFtNode>(), ct);
            node._heartbeat = provider.GetRequiredService<NodeHeartbeat>();
            await node._heartbeat.StartAsync(ct);
            if (options.DriveSubmittedRuns && options.Roles.HasFlag(NodeRoles.Coordinator))
            {
                node._coordinator = provider.GetRequiredService<CoordinatorService>();
                await node._coordinator.StartAsync(ct);
            }
            return node;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ingests (or finds) the run and drives it to its end in this process.</summary>
    public async Task<RunRecord> RunAsync(RunSettings settings, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var run = await _services.GetRequiredService<RunIngestor>().IngestAsync(settings, ct);
        _services.GetRequiredService<RunCatalog>().Invalidate(run.RunId);
        return await _services.GetRequiredService<RunCoordinator>().DriveAsync(run.RunId, progress, ct);
    }

    /// <summary>Starts the bus; MassTransit keeps retrying an unreachable broker, so say so every 10 s while it does.</summary>
    private static async Task StartBusAsync(IBusControl bus, RuntimeOptions options, ILogger? logger, CancellationToken ct)
    {
        var start = bus.StartAsync(ct);
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromSeconds(10);
        while (await Task.WhenAny(start, Task.Delay(step, ct)) != start)
        {
            waited += step;
            logger?.LogWarning("transport {Transport} not reachable after {Seconds:F0}s; still retrying", options.Transport.Describe(), waited.TotalSeconds);
        }
        await start;
    }

    public async ValueTask DisposeAsync()
    {
        if (_coordinator is not null) await _coordinator.DisposeAsync();
        if (_heartbeat is not null) await _heartbeat.DisposeAsync();
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bus.StopAsync(stop.Token);
        }
        catch (Exception e)
        {
            _services.GetService<ILoggerFactory>()?.CreateLogger<RobustFtNode>().LogWarning(e, "bus did not stop cleanly");
        }
        await _services.DisposeAsync();
    }
}
