namespace RobustFT.Cluster.Workers;

/// <summary>GPU worker batching (config <c>robustft.inference.batching.*</c>): the node's gates cut each model call around
/// the oldest waiting request (its prompt-length bucket first, then the nearest ones), at most <see cref="MaxBatchSize"/>
/// requests and <see cref="MaxBatchTokens"/> padded tokens per call.</summary>
public sealed record WorkerOptions(int MaxBatchSize, int MaxBatchTokens, TimeSpan MaxWait, int ConcurrentBatches)
{
    /// <summary>Model calls the generation gate runs at once (0: <see cref="ConcurrentBatches"/>). A continuous-batching
    /// generator gets more, so requests reach its running batch while a call decodes.</summary>
    public int GenerationCalls { get; init; }

    /// <summary>The generation gate's concurrent model calls.</summary>
    public int GenerationModelCalls => GenerationCalls > 0 ? GenerationCalls : ConcurrentBatches;

    /// <summary>Requests a <see cref="GpuWorker"/> publishes it takes at once; each dispatcher keeps no more of its own
    /// requests on it (the worker refuses nothing, so several dispatchers together may exceed it): two full model calls
    /// per concurrent call, one running and the next one waiting, so the model never idles for the dispatcher's round
    /// trip while a busy worker is not flooded.</summary>
    public int Capacity => 2 * Math.Max(1, MaxBatchSize) * Math.Max(1, GenerationModelCalls);
}
