using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Nodes;

/// <summary>The cluster's members and the last status of each GPU worker, as one node sees them.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<ClusterMember> Members, IReadOnlyList<WorkerStatus> Workers) : IRobustFtMessage
{
    public static ClusterSnapshot Empty { get; } = new([], []);
}
