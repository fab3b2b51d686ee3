namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/nodes</c>.</summary>
public sealed record NodesResponse(IReadOnlyList<NodeSummary> Nodes, double StaleAfterSeconds);
