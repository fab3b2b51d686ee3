using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>A device's <see cref="ModelGate{TRequest,TResult}"/> in front of its <see cref="ILanguageModel"/>: the
/// device's GPU worker submits its cache misses here, so requests that arrive while the model is busy share its
/// next call (with a continuous-batching model, <see cref="WorkerOptions.GenerationModelCalls"/> calls run at once and
/// join its running batch). Calls are cut around the oldest request (its length bucket first, then the nearest ones), at
/// most max-batch-size and max-batch-tokens; each call's size goes to <see cref="WorkerMetrics.BatchSize"/> and to
/// <see cref="AverageBatch"/>.</summary>
public sealed class GenerationGate : IDisposable
{
    private readonly ILanguageModel _model;
    private readonly ModelGate<GenerationRequest, GenerationResult> _gate;
    private long _calls;
    private long _requests;

    public GenerationGate(ILanguageModel model, WorkerOptions options, WorkerMetrics metrics)
    {
        _model = model;
        _gate = new ModelGate<GenerationRequest, GenerationResult>($"model {model.ModelId}", model.GenerateAsync, EstimateTokens,
            new PromptBucketer(options.MaxBatchSize, options.MaxBatchTokens), options.GenerationModelCalls, size =>
            {
                metrics.RecordModelCall(size);
                Interlocked.Add(ref _requests, size);
                Interlocked.Increment(ref _calls);
            }, options.MaxWait);
    }

    public string ModelId => _model.ModelId;

    /// <summary>Mean requests per model call since the gate opened (0 before the first call): the batch fill the
    /// device's worker reports.</summary>
    public double AverageBatch
    {
        get
        {
            var calls = Interlocked.Read(ref _calls);
            return calls == 0 ? 0 : (double)Interlocked.Read(ref _requests) / calls;
        }
    }

    /// <summary>Requests waiting for a model call.</summary>
    public int PendingRequests => _gate.PendingRequests;

    /// <summary>One result per request, in order; a request that cannot run comes back failed, not thrown.</summary>
    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken) =>
        _gate.SubmitAsync(requests, cancellationToken);

    /// <summary>Each request's own outcome (<see cref="ModelGate{TRequest,TResult}.SubmitEach"/>), each under its owner
    /// (the inference request's id), so it can be <see cref="Withdraw">taken back</see> while it waits.</summary>
    public IReadOnlyList<Task<GenerationResult>> GenerateEach(IReadOnlyList<GenerationRequest> requests, IReadOnlyList<string> owners,
        CancellationToken cancellationToken) =>
        _gate.SubmitEach(requests, owners, cancellationToken);

    /// <summary>Takes back waiting requests (<see cref="ModelGate{TRequest,TResult}.Withdraw"/>).</summary>
    public IReadOnlyList<string> Withdraw(Func<string, bool> owned, int max) => _gate.Withdraw(owned, max);

    /// <summary>Prompt length estimate before tokenisation (about four characters a token) plus the new-token budget.</summary>
    public static int EstimateTokens(GenerationRequest request) =>
        request.Messages.Sum(m => m.Content.Length) / 4 + request.Options.MaxNewTokens;

    public void Dispose() => _gate.Dispose();
}
