using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>A device's <see cref="ModelGate{TRequest,TResult}"/> in front of its <see cref="IEmbedder"/>: the device's
/// GPU worker submits its cache misses here; calls carry up to max-batch-size texts (no length buckets).</summary>
public sealed class EmbeddingGate(IEmbedder embedder, WorkerOptions options) : IDisposable
{
    private readonly ModelGate<string, float[]> _gate = new(
        $"embedder {embedder.ModelId}", embedder.EmbedAsync, _ => 0,
        new PromptBucketer(Math.Max(1, options.MaxBatchSize), options.MaxBatchTokens), options.ConcurrentBatches, maxWait: options.MaxWait);

    public string ModelId => embedder.ModelId;

    /// <summary>Each text's own outcome (a failed call faults exactly the texts in it), each under its owner (the
    /// inference request's id), so it can be <see cref="Withdraw">taken back</see> while it waits.</summary>
    public IReadOnlyList<Task<float[]>> EmbedEach(IReadOnlyList<string> texts, IReadOnlyList<string> owners, CancellationToken cancellationToken) =>
        _gate.SubmitEach(texts, owners, cancellationToken);

    /// <summary>Takes back waiting texts (<see cref="ModelGate{TRequest,TResult}.Withdraw"/>).</summary>
    public IReadOnlyList<string> Withdraw(Func<string, bool> owned, int max) => _gate.Withdraw(owned, max);

    public void Dispose() => _gate.Dispose();
}
