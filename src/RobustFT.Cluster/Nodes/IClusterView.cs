namespace RobustFT.Cluster.Nodes;

/// <summary>Where status and the dashboard read the cluster's members and GPU workers from: a node's own view of the
/// cluster, or (for <c>robustft status</c>, which is not a member) a node asked over the network.</summary>
public interface IClusterView
{
    Task<ClusterSnapshot> GetAsync(CancellationToken ct);
}
