using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>Everything the actor runtime needs besides the models: roles, cluster formation, store, batching, timing.</summary>
public sealed record RuntimeOptions(
    NodeRoles Roles,
    ClusterFormation Cluster,
    IDbConnectionFactory Store,
    WorkerOptions Worker,
    CoordinatorOptions Coordinator,
    SampleEntityOptions Entity,
    TimeSpan HeartbeatInterval)
{
    /// <summary>The node's identity (default: host-pid-random, CPU).</summary>
    public NodeIdentity? Identity { get; init; }

    /// <summary>Akka's own settings: the <c>akka { }</c> section of the loaded HOCON files as HOCON text
    /// (<see cref="AkkaSettings.FromTree"/>); null: the shipped hocon/robustft.conf's.</summary>
    public string? Akka { get; init; }

    /// <summary>A GPU worker silent this long is dropped by the dispatchers (<c>robustft.node.stale-after</c>); null: the
    /// shipped default.</summary>
    public TimeSpan? StaleAfter { get; init; }
}
