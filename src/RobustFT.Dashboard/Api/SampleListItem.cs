namespace RobustFT.Dashboard.Api;

/// <summary>One row of <c>GET /api/runs/{id}/samples</c>.</summary>
public sealed record SampleListItem(string SampleId, string State, string Question, string Label, string? FinalLabel, string Url);
