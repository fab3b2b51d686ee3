using RobustFT.Dashboard.Api;

namespace RobustFT.Cli.Commands;

/// <summary>What <c>status --json</c> prints: each run as <c>GET /api/runs/{id}</c> and the nodes as <c>GET /api/nodes</c>.</summary>
public sealed record StatusDocument(IReadOnlyList<RunDetail> Runs, IReadOnlyList<NodeSummary> Nodes);
