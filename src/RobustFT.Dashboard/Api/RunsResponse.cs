namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/runs</c>.</summary>
public sealed record RunsResponse(IReadOnlyList<RunSummary> Runs);
