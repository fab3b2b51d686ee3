using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using RobustFT.Core.Method;

namespace RobustFT.Bench.Retrieval;

/// <summary>
/// The retriever's cost per noisy sample: k = 3 nearest clean samples by cosine over N clean embeddings of 384
/// dimensions (all-MiniLM-L6-v2's size), with <see cref="NearestNeighbours.TopK"/> (one pass keeping the best k) against
/// the previous implementation (every score in a list, then a full sort by score and id), which this reproduces as the
/// reference; both must give the same ids. <c>retrieval [--clean 1000,10000,56680] [--queries 200]</c>.
/// </summary>
public static class RetrievalBench
{
    public static int Run(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var sizes = (Value("--clean") ?? "1000,10000,56680").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var queries = int.Parse(Value("--queries") ?? "200", CultureInfo.InvariantCulture);
        Console.WriteLine($"cores {Environment.ProcessorCount}, .NET {Environment.Version}, k = 3, 384 dimensions, {queries} queries per size");
        Console.WriteLine("| clean samples | full sort ms/query | one pass ms/query | speed-up | full sort KB allocated/query | one pass KB allocated/query |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var random = new Random(size);
            var clean = Enumerable.Range(0, size).Select(i => ($"c{i:D7}", Vector(random))).ToList();
            var asked = Enumerable.Range(0, queries).Select(_ => Vector(random)).ToList();
            foreach (var q in asked.Take(3)) // same answers, and JIT warm-up
                if (!FullSort("q", q, clean, 3).SequenceEqual(NearestNeighbours.TopK("q", q, clean, 3)))
                    throw new InvalidOperationException("the one-pass top-k differs from the full sort");
            var (sortMs, sortKb) = Measure(() => { foreach (var q in asked) FullSort("q", q, clean, 3); }, queries);
            var (passMs, passKb) = Measure(() => { foreach (var q in asked) NearestNeighbours.TopK("q", q, clean, 3); }, queries);
            Console.WriteLine(FormattableString.Invariant($"| {size:N0} | {sortMs:F2} | {passMs:F2} | {sortMs / passMs:F1}× | {sortKb:F0} | {passKb:F1} |"));
        }
        return 0;
    }

    private static float[] Vector(Random random)
    {
        var v = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = TensorPrimitives.Norm(v);
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    private static (double MsPerQuery, double KbPerQuery) Measure(Action work, int queries)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds / queries, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / queries);
    }

    /// <summary>The previous <see cref="NearestNeighbours.TopK"/>: all scores, then a full sort.</summary>
    private static string[] FullSort(string queryId, float[] query, List<(string Id, float[] Vector)> candidates, int k) =>
        candidates.Where(c => c.Id != queryId)
            .Select(c => (c.Id, Score: TensorPrimitives.CosineSimilarity(query, c.Vector)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(k).Select(s => s.Id).ToArray();
}
