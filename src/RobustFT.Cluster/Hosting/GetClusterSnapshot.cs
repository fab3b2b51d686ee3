using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Hosting;

/// <summary>Asks a node's <see cref="ClusterViewActor"/> for its cluster snapshot (answered with JSON text).</summary>
public sealed record GetClusterSnapshot : IRobustFtMessage
{
    public static GetClusterSnapshot Instance { get; } = new();
}
