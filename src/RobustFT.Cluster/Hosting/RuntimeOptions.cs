using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>Everything the actor runtime needs besides the models: roles, transport, store, batching, timing.</summary>
public sealed record RuntimeOptions(
    NodeRoles Roles,
    TransportOptions Transport,
    IDbConnectionFactory Store,
    WorkerOptions Worker,
    CoordinatorOptions Coordinator,
    int SagaPartitions,
    TimeSpan HeartbeatInterval)
{
    /// <summary>The node's identity in the nodes table (default: host-pid-random, CPU).</summary>
    public NodeIdentity? Identity { get; init; }

    /// <summary>With the Coordinator role: find submitted runs in the store and drive them (cluster nodes). Embedded
    /// <c>robustft run</c> drives its one run itself and leaves this off.</summary>
    public bool DriveSubmittedRuns { get; init; }
}
