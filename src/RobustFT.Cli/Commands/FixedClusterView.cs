using RobustFT.Cluster.Nodes;

namespace RobustFT.Cli.Commands;

/// <summary>A cluster view read once (by <c>status</c> through the seed nodes) and served as is.</summary>
public sealed class FixedClusterView(ClusterSnapshot snapshot) : IClusterView
{
    public Task<ClusterSnapshot> GetAsync(CancellationToken ct) => Task.FromResult(snapshot);
}
