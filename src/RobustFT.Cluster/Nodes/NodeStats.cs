namespace RobustFT.Cluster.Nodes;

/// <summary>What a node reports with each heartbeat. GPU numbers are zero on nodes without the Gpu role.</summary>
/// <param name="Tokens">Tokens generated since the node started.</param>
/// <param name="Requests">Inference requests served since start (cache hits included).</param>
/// <param name="AverageBatchFill">Mean requests per model call since start.</param>
/// <param name="TokensPerSecond">Tokens per second over the last heartbeat interval.</param>
/// <param name="QueueDepth">Inference requests the node has taken from the broker and not yet answered.</param>
public sealed record NodeStats(long Tokens, long Requests, double AverageBatchFill, double TokensPerSecond, int QueueDepth)
{
    public static NodeStats Empty { get; } = new(0, 0, 0, 0, 0);
}
