using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// What a <see cref="GpuWorker"/> does with one run's requests that reached it together, outside the actor: waits while
/// the run is paused (a cancelled or unknown run gets "run cancelled"), looks them up in the inference cache in one
/// query and answers the hits at once, sends the misses through its device's <see cref="GenerationGate"/> /
/// <see cref="EmbeddingGate"/> (continuous batching with everything else waiting for that device), then writes the fresh
/// results to the cache and answers them. Every answered group is one inference-journal entry (calls = fresh model
/// results, cache hits, generated tokens), as <c>robustft run</c>'s report counts them.
/// </summary>
/// <remarks>A request the model cannot run (its own error, or a failed model call) is answered with that error; the
/// others are unaffected. A failure outside the model (the store) is thrown: the worker then drops the unanswered
/// requests and the samples' re-sent requests run again.</remarks>
public sealed class InferenceServer(RuntimeServices services, WorkerDevice device)
{
    public const string RunCancelled = "run cancelled";

    private readonly ILogger _logger = services.Logging.CreateLogger<GpuWorker>();

    /// <summary>Serves <paramref name="requests"/> (all of run <paramref name="runId"/>); <paramref name="answer"/> is
    /// called with each group of results (and the tokens generated for them) as soon as it is ready.</summary>
    public async Task ServeAsync(string runId, IReadOnlyList<IInferenceRequest> requests,
        Action<IReadOnlyList<IInferenceResult>, long> answer, CancellationToken ct)
    {
        using var inFlight = services.Metrics.Begin(requests.Count);
        if (!await services.Control.WaitUntilRunnableAsync(runId, ct))
        {
            answer(requests.Select(r => Failed(r, RunCancelled)).ToList(), 0);
            return;
        }
        await Task.WhenAll(
            GenerateAsync(runId, requests.OfType<GenerateRequest>().ToList(), answer, ct),
            EmbedAsync(runId, requests.OfType<EmbedRequest>().ToList(), answer, ct));
    }

    /// <summary>The result of <paramref name="request"/> that failed with <paramref name="error"/>.</summary>
    public static IInferenceResult Failed(IInferenceRequest request, string error) => request switch
    {
        GenerateRequest g => new GenerateCompleted(g.RequestId, g.RunId, g.SampleId, g.Step, "", [], false, error),
        EmbedRequest e => new EmbedCompleted(e.RequestId, e.RunId, e.SampleId, [], false, error),
        _ => throw new ArgumentException($"unknown inference request {request.GetType().Name}", nameof(request)),
    };

    private async Task GenerateAsync(string runId, List<GenerateRequest> requests, Action<IReadOnlyList<IInferenceResult>, long> answer, CancellationToken ct)
    {
        if (requests.Count == 0) return;
        var gate = device.Generation;
        if (gate is null)
        {
            answer(requests.Select(r => Failed(r, $"device {device.Name} has no generation model")).ToList(), 0);
            return;
        }
        var keys = requests.Select(r => InferenceCache.GenerationKey(gate.ModelId, r.Messages, r.Options)).ToArray();
        var cached = await services.Cache.GetManyAsync<CachedGeneration>(keys, ct);
        var hits = new List<IInferenceResult>();
        var misses = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (cached.TryGetValue(keys[i], out var hit)) hits.Add(new GenerateCompleted(r.RequestId, r.RunId, r.SampleId, r.Step, hit.Text, hit.Logprobs, true, null));
            else misses.Add(i);
        }
        await AnswerHitsAsync(runId, hits, answer, ct);
        if (misses.Count == 0) return;

        // Submitted together (they share calls), each with its own outcome: one the worker gave back to its dispatcher
        // (withdrawn) is neither answered nor cached here.
        var generated = await Outcomes(gate.GenerateEach(
            misses.Select(i => new GenerationRequest(requests[i].SampleId, requests[i].Step, requests[i].Messages, requests[i].Options)).ToList(),
            misses.Select(i => requests[i].RequestId).ToList(), ct), g => g, GenerationResult.Failed);
        var results = new List<IInferenceResult>(misses.Count);
        var fresh = new List<KeyValuePair<string, CachedGeneration>>();
        long tokens = 0;
        for (var j = 0; j < misses.Count; j++)
        {
            if (generated[j] is not { } g) continue;
            var r = requests[misses[j]];
            if (!g.Succeeded)
            {
                _logger.LogWarning("sample {SampleId} step {Step} failed: {Error}", r.SampleId, r.Step, g.Error);
                results.Add(Failed(r, g.Error!));
                continue;
            }
            var logprobs = g.Logprobs.ToArray();
            tokens += g.TokenIds.Count;
            fresh.Add(new(keys[misses[j]], new CachedGeneration(g.Text, logprobs, g.TokenIds.Count)));
            results.Add(new GenerateCompleted(r.RequestId, r.RunId, r.SampleId, r.Step, g.Text, logprobs, false, null));
        }
        await services.Cache.PutManyAsync(fresh, ct);
        await AnswerFreshAsync(runId, results, fresh.Count, tokens, answer, ct);
    }

    private async Task EmbedAsync(string runId, List<EmbedRequest> requests, Action<IReadOnlyList<IInferenceResult>, long> answer, CancellationToken ct)
    {
        if (requests.Count == 0) return;
        var gate = device.Embedding;
        if (gate is null)
        {
            answer(requests.Select(r => Failed(r, $"device {device.Name} has no embedding model")).ToList(), 0);
            return;
        }
        var keys = requests.Select(r => InferenceCache.Key("embed", gate.ModelId, r.Text, "")).ToArray();
        var cached = await services.Cache.GetManyAsync<float[]>(keys, ct);
        var hits = new List<IInferenceResult>();
        var misses = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (cached.TryGetValue(keys[i], out var vector)) hits.Add(new EmbedCompleted(r.RequestId, r.RunId, r.SampleId, vector, true, null));
            else misses.Add(i);
        }
        await AnswerHitsAsync(runId, hits, answer, ct);
        if (misses.Count == 0) return;

        // Each text has its own outcome: the gate batches them into encoder calls, and a call that fails (e.g. a server's
        // malformed answer) faults exactly the samples whose texts were in it.
        var outcomes = await Outcomes(gate.EmbedEach(misses.Select(i => requests[i].Text).ToList(), misses.Select(i => requests[i].RequestId).ToList(), ct),
            vector => new EmbedOutcome(vector, null), error => new EmbedOutcome(null, error));
        var results = new List<IInferenceResult>(misses.Count);
        var fresh = new List<KeyValuePair<string, float[]>>();
        var errors = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < misses.Count; j++)
        {
            if (outcomes[j] is not { } outcome) continue; // withdrawn: it runs on another worker
            var r = requests[misses[j]];
            if (outcome.Vector is { } vector)
            {
                fresh.Add(new(keys[misses[j]], vector));
                results.Add(new EmbedCompleted(r.RequestId, r.RunId, r.SampleId, vector, false, null));
            }
            else
            {
                results.Add(Failed(r, outcome.Error!));
                errors.Add(outcome.Error!);
            }
        }
        foreach (var error in errors)
            _logger.LogWarning("embedding texts of run {RunId} failed: {Error}", runId, error);
        await services.Cache.PutManyAsync(fresh, ct);
        await AnswerFreshAsync(runId, results, fresh.Count, 0, answer, ct);
    }

    private sealed record EmbedOutcome(float[]? Vector, string? Error);

    /// <summary>Each task's result as <paramref name="succeeded"/>; a model error as <paramref name="failed"/>(message);
    /// null for a request the worker took back (<see cref="RequestWithdrawnException"/>). Cancellation (the worker
    /// stopping) is thrown.</summary>
    private static async Task<TOutcome?[]> Outcomes<TResult, TOutcome>(IReadOnlyList<Task<TResult>> tasks, Func<TResult, TOutcome> succeeded,
        Func<string, TOutcome> failed)
        where TOutcome : class
    {
        var outcomes = new TOutcome?[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            try
            {
                outcomes[i] = succeeded(await tasks[i]);
            }
            catch (RequestWithdrawnException)
            {
                outcomes[i] = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes[i] = failed(e.Message);
            }
        }
        return outcomes;
    }

    private async Task AnswerHitsAsync(string runId, List<IInferenceResult> hits, Action<IReadOnlyList<IInferenceResult>, long> answer, CancellationToken ct)
    {
        if (hits.Count == 0) return;
        await services.Runs.RecordInferenceAsync(runId, 0, hits.Count, 0, ct);
        services.Metrics.RecordRequests(hits.Count, hits.Count, 0);
        answer(hits, 0);
    }

    private async Task AnswerFreshAsync(string runId, List<IInferenceResult> results, int calls, long tokens,
        Action<IReadOnlyList<IInferenceResult>, long> answer, CancellationToken ct)
    {
        if (results.Count == 0) return; // every one was given back to its dispatcher: nothing ran here
        await services.Runs.RecordInferenceAsync(runId, calls, 0, tokens, ct);
        services.Metrics.RecordRequests(results.Count, 0, tokens);
        answer(results, tokens);
    }
}
