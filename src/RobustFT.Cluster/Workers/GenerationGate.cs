using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>The node's <see cref="ModelGate{TRequest,TResult}"/> in front of its <see cref="ILanguageModel"/>: every
/// generation consumer call submits its cache misses here, so requests that arrive while the model is busy share its
/// next call (with a continuous-batching model, <see cref="WorkerOptions.GenerationModelCalls"/> calls run at once and
/// join its running batch). Calls are cut by length bucket, max-batch-size and max-batch-tokens; each call's size goes to
/// <see cref="WorkerMetrics.BatchSize"/>.</summary>
public sealed class GenerationGate(ILanguageModel model, WorkerOptions options, WorkerMetrics metrics) : IDisposable
{
    private readonly ModelGate<GenerationRequest, GenerationResult> _gate = new(
        $"model {model.ModelId}", model.GenerateAsync, EstimateTokens,
        new PromptBucketer(options.MaxBatchSize, options.MaxBatchTokens), options.GenerationModelCalls, metrics.RecordModelCall);

    public string ModelId => model.ModelId;

    /// <summary>Requests waiting for a model call.</summary>
    public int PendingRequests => _gate.PendingRequests;

    /// <summary>One result per request, in order; a request that cannot run comes back failed, not thrown.</summary>
    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken) =>
        _gate.SubmitAsync(requests, cancellationToken);

    /// <summary>Prompt length estimate before tokenisation (about four characters a token) plus the new-token budget.</summary>
    public static int EstimateTokens(GenerationRequest request) =>
        request.Messages.Sum(m => m.Content.Length) / 4 + request.Options.MaxNewTokens;

    public void Dispose() => _gate.Dispose();
}
