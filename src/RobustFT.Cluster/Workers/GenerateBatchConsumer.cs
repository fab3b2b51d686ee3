using MassTransit;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>The GPU worker for generation: answers cached requests from the cache and hands the rest to the node's
/// <see cref="GenerationGate"/>, which runs them through the model in length-bucketed calls shared with the other
/// batches waiting on this node. A request that cannot run faults only its own sample.</summary>
public sealed class GenerateBatchConsumer(
    GenerationGate gate,
    InferenceCache cache,
    RunStore store,
    RunControl control,
    WorkerMetrics metrics,
    ILogger<GenerateBatchConsumer> logger) : IConsumer<Batch<GenerateRequest>>
{
    public async Task Consume(ConsumeContext<Batch<GenerateRequest>> context)
    {
        var ct = context.CancellationToken;
        var requests = context.Message.Select(m => m.Message).ToList();
        using var inFlight = metrics.Begin(requests.Count);
        var results = new GenerateCompleted?[requests.Count];

        var runnable = new List<int>();
        foreach (var runId in requests.Select(r => r.RunId).Distinct())
        {
            var ok = await control.WaitUntilRunnableAsync(runId, ct);
            for (var i = 0; i < requests.Count; i++)
            {
                if (requests[i].RunId != runId) continue;
                if (ok) runnable.Add(i);
                else results[i] = new GenerateCompleted(requests[i].CorrelationId, requests[i].Step, "", [], false, "run cancelled");
            }
        }

        var keys = requests.Select(CacheKey).ToArray();
        var cached = await cache.GetManyAsync<CachedGeneration>(runnable.Select(i => keys[i]).ToList(), ct);
        var misses = new List<int>();
        foreach (var i in runnable)
        {
            if (cached.TryGetValue(keys[i], out var hit))
                results[i] = new GenerateCompleted(requests[i].CorrelationId, requests[i].Step, hit.Text, hit.Logprobs, true, null);
            else misses.Add(i);
        }

        var fresh = new List<KeyValuePair<string, CachedGeneration>>();
        var tokens = new int[requests.Count];
        var generated = await gate.GenerateAsync(misses.Select(i => ToModelRequest(requests[i])).ToList(), ct);
        for (var j = 0; j < misses.Count; j++)
        {
            var i = misses[j];
            var g = generated[j];
            if (!g.Succeeded)
            {
                logger.LogWarning("sample {SampleId} step {Step} failed: {Error}", requests[i].SampleId, requests[i].Step, g.Error);
                results[i] = new GenerateCompleted(requests[i].CorrelationId, requests[i].Step, "", [], false, g.Error);
                continue;
            }
            var logprobs = g.Logprobs.ToArray();
            tokens[i] = g.TokenIds.Count;
            fresh.Add(new(keys[i], new CachedGeneration(g.Text, logprobs, g.TokenIds.Count)));
            results[i] = new GenerateCompleted(requests[i].CorrelationId, requests[i].Step, g.Text, logprobs, false, null);
        }

        await cache.PutManyAsync(fresh, ct);
        foreach (var runGroup in Enumerable.Range(0, requests.Count).Where(i => results[i] is not null).GroupBy(i => requests[i].RunId))
        {
            var hits = runGroup.Count(i => results[i]!.FromCache);
            var calls = runGroup.Count(i => !results[i]!.FromCache && results[i]!.Error is null);
            await store.RecordInferenceAsync(runGroup.Key, calls, hits, runGroup.Sum(i => (long)tokens[i]), ct);
        }
        metrics.RecordRequests(requests.Count, results.Count(r => r?.FromCache == true), tokens.Sum(t => (long)t));

        foreach (var r in results)
            if (r is not null) await context.Publish(r, ct);
    }

    private string CacheKey(GenerateRequest r) => InferenceCache.GenerationKey(gate.ModelId, r.Messages, r.Options);

    private static GenerationRequest ToModelRequest(GenerateRequest r) => new(r.SampleId, r.Step, r.Messages, r.Options);
}
