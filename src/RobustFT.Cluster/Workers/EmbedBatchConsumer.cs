using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Workers;

/// <summary>The GPU worker for embeddings: cached vectors first, the rest through the node's <see cref="EmbeddingGate"/>
/// (encoder calls shared with the other batches waiting on this node).</summary>
public sealed class EmbedBatchConsumer(EmbeddingGate gate, InferenceCache cache, RunStore store, WorkerMetrics metrics) : IConsumer<Batch<EmbedRequest>>
{
    public async Task Consume(ConsumeContext<Batch<EmbedRequest>> context)
    {
        var ct = context.CancellationToken;
        var requests = context.Message.Select(m => m.Message).ToList();
        using var inFlight = metrics.Begin(requests.Count);
        var keys = requests.Select(r => InferenceCache.Key("embed", gate.ModelId, r.Text, "")).ToArray();
        var cached = await cache.GetManyAsync<float[]>(keys, ct);
        var results = new EmbedCompleted[requests.Count];
        var misses = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (cached.TryGetValue(keys[i], out var vector)) results[i] = new EmbedCompleted(requests[i].CorrelationId, vector, true, null);
            else misses.Add(i);
        }

        var fresh = new List<KeyValuePair<string, float[]>>();
        IReadOnlyList<float[]> vectors;
        try
        {
            vectors = await gate.EmbedAsync(misses.Select(i => requests[i].Text).ToList(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The encoder failed for this call (e.g. a server's malformed answer): its samples fault with the reason.
            foreach (var i in misses) results[i] = new EmbedCompleted(requests[i].CorrelationId, [], false, e.Message);
            vectors = [];
        }
        for (var j = 0; j < vectors.Count; j++)
        {
            var i = misses[j];
            fresh.Add(new(keys[i], vectors[j]));
            results[i] = new EmbedCompleted(requests[i].CorrelationId, vectors[j], false, null);
        }
        await cache.PutManyAsync(fresh, ct);
        foreach (var run in Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].RunId))
            await store.RecordInferenceAsync(run.Key, run.Count(i => !results[i].FromCache && results[i].Error is null), run.Count(i => results[i].FromCache), 0, ct);
        foreach (var r in results) await context.Publish(r, ct);
    }
}
