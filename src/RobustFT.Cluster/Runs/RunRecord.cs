namespace RobustFT.Cluster.Runs;

/// <summary>A run as stored: settings, phase, ingestion counts and control flags.</summary>
public sealed record RunRecord(
    string RunId,
    RunSettings Settings,
    RunPhase Phase,
    int Samples,
    int Rejected,
    bool Paused,
    double? Threshold,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt = null)
{
    /// <summary>Whether the coordinator finished with the run (completed, failed, or cancelled and exported).</summary>
    public bool Ended => EndedAt is not null;
}
