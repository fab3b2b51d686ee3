namespace RobustFT.Dashboard.Api;

/// <summary>One GPU worker in <c>GET /api/nodes</c>, from the last status it published.</summary>
/// <param name="Address">Its node's cluster address.</param>
/// <param name="Device">The model device: cpu, cuda:N, openai.</param>
/// <param name="Capacity">Requests it accepts at once.</param>
/// <param name="QueueDepth">Requests it holds (waiting for the model or in a model call).</param>
/// <param name="BatchFill">Mean requests per model call since it started.</param>
/// <param name="StatusAgeSeconds">Seconds since that status was published.</param>
/// <param name="Stale">No status for longer than the configured stale-after.</param>
public sealed record WorkerSummary(
    string Address,
    string Device,
    string ExecutionProvider,
    string ModelId,
    int Capacity,
    int QueueDepth,
    double BatchFill,
    double TokensPerSecond,
    long Tokens,
    long Requests,
    DateTimeOffset StatusAt,
    double StatusAgeSeconds,
    bool Stale);
