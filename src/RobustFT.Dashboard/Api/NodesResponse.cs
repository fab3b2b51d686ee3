namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/nodes</c>: the cluster's members and its GPU workers as the answering node sees them (both
/// empty when no cluster view is available: a store read without a cluster).</summary>
public sealed record NodesResponse(IReadOnlyList<NodeSummary> Nodes, IReadOnlyList<WorkerSummary> Workers, double StaleAfterSeconds);
