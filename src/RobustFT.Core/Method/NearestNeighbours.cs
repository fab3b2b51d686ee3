using System.Numerics.Tensors;

namespace RobustFT.Core.Method;

/// <summary>Exact k-nearest-neighbour search by cosine similarity over L2-normalised vectors.</summary>
public static class NearestNeighbours
{
    /// <summary>The ids of the <paramref name="k"/> candidates most similar to <paramref name="query"/>, best first;
    /// ties broken by ordinal id. The query itself (same id) is never returned.</summary>
    public static IReadOnlyList<string> TopK(
        string queryId, ReadOnlySpan<float> query, IReadOnlyList<(string Id, float[] Vector)> candidates, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        var scored = new List<(string Id, float Score)>(candidates.Count);
        foreach (var (id, vector) in candidates)
        {
            if (id == queryId) continue;
            if (vector.Length != query.Length)
                throw new ArgumentException($"embedding of '{id}' has {vector.Length} dimensions, the query {query.Length}");
            scored.Add((id, TensorPrimitives.CosineSimilarity(query, vector)));
        }
        return scored
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(k).Select(s => s.Id).ToArray();
    }
}
