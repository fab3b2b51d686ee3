using RobustFT.Dashboard.Api;

namespace RobustFT.Cli.Commands;

/// <summary>What <c>status --json</c> prints: each run as <c>GET /api/runs/{id}</c>, the cluster's members and GPU
/// workers as <c>GET /api/nodes</c>'s <c>nodes</c> and <c>workers</c>.</summary>
public sealed record StatusDocument(IReadOnlyList<RunDetail> Runs, IReadOnlyList<NodeSummary> Nodes, IReadOnlyList<WorkerSummary> Workers);
