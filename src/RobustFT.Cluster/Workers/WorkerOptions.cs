namespace RobustFT.Cluster.Workers;

/// <summary>GPU worker batching (config <c>robustft.inference.batching.*</c>): MassTransit collects up to
/// <see cref="MaxBatchSize"/> messages or waits <see cref="MaxWait"/>; the worker then cuts model batches by prompt
/// length bucket and <see cref="MaxBatchTokens"/>.</summary>
public sealed record WorkerOptions(int MaxBatchSize, int MaxBatchTokens, TimeSpan MaxWait, int ConcurrentBatches);
