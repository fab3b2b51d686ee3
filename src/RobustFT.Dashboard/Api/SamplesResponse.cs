namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/runs/{id}/samples</c>: matching samples (at most the limit) and how many matched in all.</summary>
public sealed record SamplesResponse(string RunId, int Total, IReadOnlyList<SampleListItem> Samples);
