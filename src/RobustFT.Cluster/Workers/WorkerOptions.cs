namespace RobustFT.Cluster.Workers;

/// <summary>GPU worker batching (config <c>robustft.inference.batching.*</c>): MassTransit collects up to
/// <see cref="MaxBatchSize"/> messages or waits <see cref="MaxWait"/>; the worker then cuts model batches by prompt
/// length bucket and <see cref="MaxBatchTokens"/>.</summary>
public sealed record WorkerOptions(int MaxBatchSize, int MaxBatchTokens, TimeSpan MaxWait, int ConcurrentBatches)
{
    /// <summary>Model calls the generation gate runs at once (0: <see cref="ConcurrentBatches"/>). A continuous-batching
    /// generator gets more, so requests reach its running batch while a call decodes.</summary>
    public int GenerationCalls { get; init; }

    /// <summary>The generation gate's concurrent model calls.</summary>
    public int GenerationModelCalls => GenerationCalls > 0 ? GenerationCalls : ConcurrentBatches;
}
