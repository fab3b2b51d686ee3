namespace RobustFT.Cluster.Workers;

/// <summary>GPU worker batching (config <c>robustft.inference.batching.*</c>): MassTransit collects up to
/// <see cref="MaxBatchSize"/> messages or waits <see cref="MaxWait"/>; the worker then cuts model batches by prompt
/// length bucket and <see cref="MaxBatchTokens"/>.</summary>
public sealed record WorkerOptions(int MaxBatchSize = 32, int MaxBatchTokens = 16384, TimeSpan? MaxWait = null, int ConcurrentBatches = 1)
{
    public TimeSpan Wait => MaxWait ?? TimeSpan.FromMilliseconds(20);
}
