using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>The GPU worker for generation: answers cached requests from the cache and runs the rest through the model
/// in length-bucketed batches. A request that cannot run faults only its own sample.</summary>
public sealed class GenerateBatchConsumer(
    ILanguageModel model,
    InferenceCache cache,
    RunStore store,
    RunControl control,
    WorkerOptions options,
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
        var bucketer = new PromptBucketer(options.MaxBatchSize, options.MaxBatchTokens);
        foreach (var group in bucketer.Split(misses.Select(i => EstimateTokens(requests[i])).ToList()))
        {
            var batch = group.Select(g => misses[g]).ToList();
            var generated = await model.GenerateAsync(batch.Select(i => ToModelRequest(requests[i])).ToList(), ct);
            if (generated.Count != batch.Count)
                throw new InvalidOperationException($"model {model.ModelId} returned {generated.Count} results for {batch.Count} requests");
            for (var j = 0; j < batch.Count; j++)
            {
                var i = batch[j];
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
            metrics.BatchSize.Record(batch.Count);
        }

        await cache.PutManyAsync(fresh, ct);
        foreach (var runGroup in Enumerable.Range(0, requests.Count).Where(i => results[i] is not null).GroupBy(i => requests[i].RunId))
        {
            var hits = runGroup.Count(i => results[i]!.FromCache);
            var calls = runGroup.Count(i => !results[i]!.FromCache && results[i]!.Error is null);
            await store.RecordInferenceAsync(runGroup.Key, calls, hits, runGroup.Sum(i => (long)tokens[i]), ct);
        }
        metrics.RecordRequests(requests.Count, results.Count(r => r?.FromCache == true), tokens.Sum(t => (long)t), misses.Count);

        foreach (var r in results)
            if (r is not null) await context.Publish(r, ct);
    }

    private string CacheKey(GenerateRequest r) =>
        InferenceCache.Key("generate", model.ModelId, JsonSerializer.Serialize(r.Messages, StoreJson.Options), r.Options.CacheKey());

    private static GenerationRequest ToModelRequest(GenerateRequest r) => new(r.SampleId, r.Step, r.Messages, r.Options);

    /// <summary>Prompt length estimate before tokenisation (about four characters a token) plus the new-token budget.</summary>
    private static int EstimateTokens(GenerateRequest r) => r.Messages.Sum(m => m.Content.Length) / 4 + r.Options.MaxNewTokens;
}
