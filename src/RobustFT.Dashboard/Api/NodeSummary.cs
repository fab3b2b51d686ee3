namespace RobustFT.Dashboard.Api;

/// <summary>One node in <c>GET /api/nodes</c>, as its last heartbeat left it.</summary>
/// <param name="Stale">The node missed its heartbeats for longer than the configured stale-after.</param>
public sealed record NodeSummary(
    string NodeId,
    IReadOnlyList<string> Roles,
    string Host,
    int ProcessId,
    string ExecutionProvider,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    double HeartbeatAgeSeconds,
    bool Stale,
    double BatchFill,
    double TokensPerSecond,
    int QueueDepth,
    long Tokens,
    long Requests);
