using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>One running process of the actor runtime: a Generic Host with the Akka.NET actor system (remoting,
/// clustering with the node's roles, Akka.Persistence.Sql on the node's store, the "sample" shard region, the coordinator
/// singleton and the node's dispatcher, retriever and GPU workers, one per model device). Embedded mode is a one-node cluster with every role.
/// Disposing the node runs CoordinatedShutdown: it leaves the cluster and its shards and the singleton hand over.</summary>
public sealed class RobustFtNode : IAsyncDisposable
{
    public const string CoordinatorName = "coordinator";
    public const string RetrieverName = "retriever";
    public const string ClusterViewName = "cluster-view";

    private readonly IHost _host;
    private int _disposed;

    private RobustFtNode(IHost host, RuntimeOptions options, NodeIdentity identity, ClusterAddresses addresses)
    {
        _host = host;
        Options = options;
        Identity = identity;
        Addresses = addresses;
    }

    public IServiceProvider Services => _host.Services;
    public RuntimeOptions Options { get; }
    public NodeIdentity Identity { get; }

    /// <summary>The node's remoting endpoint and the seed nodes it joined.</summary>
    public ClusterAddresses Addresses { get; }

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    /// <summary>Ready = this node is an Up member of the cluster (what the readiness probe reports).</summary>
    public bool IsReady
    {
        get
        {
            if (Volatile.Read(ref _disposed) != 0 || System.WhenTerminated.IsCompleted) return false;
            return Akka.Cluster.Cluster.Get(System).SelfMember.Status == MemberStatus.Up;
        }
    }

    /// <summary>Creates the project's tables (PostgreSQL unreachable: retried with backoff, then a clear error, before
    /// anything of Akka starts), builds the services (<paramref name="configure"/> registers models and logging) and starts
    /// the actor system. A node that seeds itself (no seed nodes: embedded mode, or the first node) returns once it is
    /// Up; a node joining seeds returns at once and is ready when it is Up.</summary>
    public static async Task<RobustFtNode> StartAsync(RuntimeOptions options, Action<IServiceCollection> configure, CancellationToken ct)
    {
        await new RunDatabase(options.Store).EnsureSchemaAsync(ct);
        var addresses = ClusterAddresses.Resolve(options.Cluster);
        var identity = options.Identity ?? NodeIdentity.ForThisProcess(options.Roles, "cpu");
        var staleAfter = options.StaleAfter ?? AkkaSettings.ShippedDuration("robustft.node.stale-after");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, NodeLifetime>();
        configure(builder.Services);
        builder.Services.AddRobustFtServices(options, identity);
        builder.Services.AddSingleton<IClusterView>(sp => new AkkaClusterView(sp.GetRequiredService<ActorSystem>(), TimeSpan.FromSeconds(5)));
        builder.Services.AddAkka(ClusterAddresses.SystemName, (akka, sp) =>
            ConfigureAkka(akka, sp, options, addresses, identity, staleAfter));

        var host = builder.Build();
        var node = new RobustFtNode(host, options, identity, addresses);
        try
        {
            await host.StartAsync(ct);
            if (options.Cluster.SeedNodes.Count == 0) await node.WaitUntilUpAsync(TimeSpan.FromSeconds(60), ct);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, IServiceProvider sp, RuntimeOptions options, ClusterAddresses addresses,
        NodeIdentity identity, TimeSpan staleAfter)
    {
        var roles = RoleNames.Of(options.Roles).ToArray();
        akka.AddHocon(options.Akka ?? AkkaSettings.Shipped(), HoconAddMode.Prepend)
            .AddHocon(AkkaSettings.Persistence(options.Store), HoconAddMode.Prepend)
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {(long)options.Cluster.StableAfter.TotalMilliseconds}ms", HoconAddMode.Prepend)
            .AddHocon(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
            })
            .WithRemoting(addresses.Hostname, addresses.Port, addresses.PublicHostname)
            .WithClustering(new ClusterOptions
            {
                Roles = roles,
                SeedNodes = addresses.SeedNodes.ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithShardRegion<SampleEntity>("sample", (_, registry, _) => entityId => SampleEntity.Props(entityId, sp.GetRequiredService<RuntimeServices>(),
                    registry.Get<InferenceDispatcher>(), registry.Get<Retriever>()),
                new SampleMessageExtractor(options.Cluster.Shards),
                new ShardOptions { Role = RoleNames.Sample, RememberEntities = false, StateStoreMode = StateStoreMode.DData });

        if (options.Roles.HasFlag(NodeRoles.Coordinator))
            akka.WithSingleton<CoordinatorActor>(CoordinatorName,
                (_, registry, _) => CoordinatorActor.Props(sp.GetRequiredService<RuntimeServices>(), registry.Get<SampleEntity>(), AkkaSettings.ReadJournalPluginId),
                new ClusterSingletonOptions { Role = RoleNames.Coordinator }, createProxyToo: false);
        // No proxy: nothing sends to the coordinator; it finds submitted runs in the store (a proxy only warned, every
        // start, that it had not found the singleton yet).

        akka.WithActors((system, registry) =>
        {
            var services = sp.GetRequiredService<RuntimeServices>();
            if (options.Roles.HasFlag(NodeRoles.Sample))
            {
                registry.Register<InferenceDispatcher>(system.ActorOf(InferenceDispatcher.Props(services, staleAfter), AkkaClusterView.DispatcherName));
                registry.Register<Retriever>(system.ActorOf(Retriever.Props(services), RetrieverName));
            }
            foreach (var device in services.Devices) // one GPU worker per model device (gpu role only)
                system.ActorOf(GpuWorker.Props(services, device, options.HeartbeatInterval), device.ActorName);
            var view = system.ActorOf(Props.Create(() => new ClusterViewActor(sp.GetRequiredService<IClusterView>())), ClusterViewName);
            ClusterClientReceptionist.Get(system).RegisterService(view);
        });
    }

    /// <summary>Ingests (or finds) the run, hands it to the coordinator (runs row to Detecting, as <c>submit</c> does) and
    /// follows the runs row and the read model's counts until the run has ended, reporting progress.</summary>
    public async Task<RunRecord> RunAsync(RunSettings settings, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var run = await Services.GetRequiredService<RunIngestor>().IngestAsync(settings, ct);
        Services.GetRequiredService<RunCatalog>().Invalidate(run.RunId);
        var store = Services.GetRequiredService<RunStore>();
        await store.AdvancePhaseAsync(run.RunId, RunPhase.Detecting, ct: ct);
        var signals = Services.GetRequiredService<RuntimeServices>().Signals;
        signals.Submitted(run.RunId); // this node's coordinator, if the singleton runs here, drives it now
        return await new RunFollower(store, Services.GetRequiredService<SampleReadModel>(), Options.Coordinator.PollInterval, signals)
            .FollowAsync(run.RunId, progress, ct);
    }

    private async Task WaitUntilUpAsync(TimeSpan timeout, CancellationToken ct)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await up.Task.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"node {Addresses.Self} did not become an Up cluster member within {timeout.TotalSeconds:F0}s");
        }
    }

    /// <summary>Stops the host: CoordinatedShutdown leaves the cluster (shards and singleton hand over) and terminates
    /// the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(stop.Token);
        }
        catch (Exception e)
        {
            Services.GetService<ILoggerFactory>()?.CreateLogger<RobustFtNode>().LogWarning(e, "node did not stop cleanly");
        }
        finally
        {
            if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
            else _host.Dispose();
        }
    }
}
