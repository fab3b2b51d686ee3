using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>Chat completions outside a run (<c>robustft evaluate</c>) through a worker's parts: answers in the
/// <see cref="InferenceCache"/> first (same keys as a run's steps), the rest through the node's
/// <see cref="GenerationGate"/> in chunks of max-batch-size, each chunk's answers cached as soon as it finishes so an
/// interrupted evaluation resumes. A failed request comes back failed and is not cached.</summary>
public sealed class CachedGenerator(GenerationGate gate, InferenceCache cache, WorkerOptions options)
{
    public async Task<CachedGeneratorResult> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<int>? progress, CancellationToken ct)
    {
        var keys = requests.Select(r => InferenceCache.GenerationKey(gate.ModelId, r.Messages, r.Options)).ToArray();
        var results = new GenerationResult[requests.Count];
        var cached = await cache.GetManyAsync<CachedGeneration>(keys, ct);
        var misses = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (cached.TryGetValue(keys[i], out var hit)) results[i] = new GenerationResult(hit.Text, new int[hit.Tokens], hit.Logprobs, "cached");
            else misses.Add(i);
        }
        var done = requests.Count - misses.Count;
        progress?.Report(done);

        await Task.WhenAll(misses.Chunk(Math.Max(1, options.MaxBatchSize)).Select(async chunk =>
        {
            var generated = await gate.GenerateAsync(chunk.Select(i => requests[i]).ToList(), ct);
            var fresh = new List<KeyValuePair<string, CachedGeneration>>();
            for (var j = 0; j < chunk.Length; j++)
            {
                results[chunk[j]] = generated[j];
                if (generated[j].Succeeded)
                    fresh.Add(new(keys[chunk[j]], new CachedGeneration(generated[j].Text, generated[j].Logprobs.ToArray(), generated[j].TokenIds.Count)));
            }
            await cache.PutManyAsync(fresh, ct);
            progress?.Report(Interlocked.Add(ref done, chunk.Length));
        }));
        return new CachedGeneratorResult(results, requests.Count - misses.Count);
    }
}
