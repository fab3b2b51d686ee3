using System.Numerics.Tensors;

namespace RobustFT.Core.Method;

/// <summary>Exact k-nearest-neighbour search by cosine similarity over L2-normalised vectors.</summary>
public static class NearestNeighbours
{
    /// <summary>The ids of the <paramref name="k"/> candidates most similar to <paramref name="query"/>, best first;
    /// ties broken by ordinal id. The query itself (same id) is never returned. One pass that keeps the best k (no
    /// scores list, no sort): a run's retrieval scores every noisy sample against every clean one.</summary>
    public static IReadOnlyList<string> TopK(
        string queryId, ReadOnlySpan<float> query, IReadOnlyList<(string Id, float[] Vector)> candidates, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        var best = new (string Id, float Score)[Math.Min(k, candidates.Count)];
        var kept = 0;
        foreach (var (id, vector) in candidates)
        {
            if (id == queryId) continue;
            if (vector.Length != query.Length)
                throw new ArgumentException($"embedding of '{id}' has {vector.Length} dimensions, the query {query.Length}");
            var candidate = (id, TensorPrimitives.CosineSimilarity(query, vector));
            if (kept == best.Length && !Before(candidate, best[kept - 1])) continue;
            var at = kept < best.Length ? kept++ : kept - 1; // the free slot, or the worst kept one, which drops out
            for (; at > 0 && Before(candidate, best[at - 1]); at--) best[at] = best[at - 1];
            best[at] = candidate;
        }
        return best.Take(kept).Select(b => b.Id).ToArray();
    }

    /// <summary>Whether <paramref name="a"/> ranks before <paramref name="b"/>: higher score (NaN lowest, as the
    /// default comparer orders it), then the ordinal smaller id.</summary>
    private static bool Before((string Id, float Score) a, (string Id, float Score) b)
    {
        var byScore = a.Score.CompareTo(b.Score);
        return byScore > 0 || (byScore == 0 && string.CompareOrdinal(a.Id, b.Id) < 0);
    }
}
