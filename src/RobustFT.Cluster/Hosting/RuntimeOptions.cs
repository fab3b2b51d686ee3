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
}
