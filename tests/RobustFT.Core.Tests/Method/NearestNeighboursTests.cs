using RobustFT.Core.Method;

namespace RobustFT.Core.Tests.Method;

public class NearestNeighboursTests
{
    private static readonly (string, float[])[] Candidates =
    [
        ("c", [0f, 1f]),
        ("b", [0.6f, 0.8f]),
        ("a", [1f, 0f]),
        ("q", [1f, 0f]),
        ("a2", [1f, 0f]),
    ];

    [Fact]
    public void ReturnsTheMostSimilarFirstWithoutTheQueryItself() =>
        Assert.Equal(["a", "a2", "b"], NearestNeighbours.TopK("q", [1f, 0f], Candidates, 3));

    [Fact]
    public void ReturnsFewerWhenThereAreFewerCandidates() =>
        Assert.Equal(["b", "a", "a2", "c"], NearestNeighbours.TopK("q", [0.8f, 0.6f], Candidates, 10));

    [Fact]
    public void Ranks_by_angle_not_by_length_so_a_long_vector_in_a_worse_direction_loses()
    {
        // By dot product "long" (10 · 0.6 = 6) would beat "short" (0.1 · 1 = 0.1) and "mid"; by cosine "short" is exact.
        (string, float[])[] candidates = [("long", [6f, 8f]), ("short", [0.1f, 0f]), ("mid", [3f, 1f])];

        Assert.Equal(["short", "mid", "long"], NearestNeighbours.TopK("q", [2f, 0f], candidates, 3));
    }

    [Fact]
    public void The_query_length_does_not_change_the_order()
    {
        (string, float[])[] candidates = [("x", [5f, 1f]), ("y", [0.2f, 0.3f]), ("z", [0.5f, -4f])];

        Assert.Equal(NearestNeighbours.TopK("q", [1f, 1f], candidates, 3), NearestNeighbours.TopK("q", [100f, 100f], candidates, 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(500)]
    public void Gives_what_a_full_sort_by_score_then_id_gives_with_tied_and_undefined_scores(int k)
    {
        var random = new Random(20261129);
        // Few distinct directions, so many scores tie; a zero vector's cosine is undefined (NaN) and ranks last.
        var directions = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var candidates = Enumerable.Range(0, 400)
            .Select(i => ($"c{random.Next(1000):D4}-{i}", i % 50 == 0 ? new float[8] : directions[random.Next(directions.Length)]))
            .ToList();
        var query = directions[3];
        var queryId = candidates[17].Item1;

        var expected = candidates.Where(c => c.Item1 != queryId)
            .Select(c => (Id: c.Item1, Score: System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(query, c.Item2)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal).Take(k).Select(c => c.Id);

        Assert.Equal(expected, NearestNeighbours.TopK(queryId, query, candidates, k));
    }

    [Fact]
    public void RejectsMismatchedDimensions() =>
        Assert.Throws<ArgumentException>(() => NearestNeighbours.TopK("q", [1f, 0f, 0f], Candidates, 1));

    [Fact]
    public void RejectsKBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbours.TopK("q", [1f, 0f], Candidates, 0));
}
