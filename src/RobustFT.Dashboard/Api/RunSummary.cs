namespace RobustFT.Dashboard.Api;

/// <summary>One run in <c>GET /api/runs</c>: identity, phase, progress. Only whitelisted settings (task, model ids),
/// never paths or anything that could carry a secret.</summary>
public sealed record RunSummary(
    string RunId,
    string Task,
    string ModelId,
    string EmbedderId,
    string Phase,
    int Samples,
    int Rejected,
    int Finished,
    double Progress,
    bool Paused,
    bool Ended,
    bool Partial,
    double? Threshold,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt);
