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
    public void RejectsMismatchedDimensions() =>
        Assert.Throws<ArgumentException>(() => NearestNeighbours.TopK("q", [1f, 0f, 0f], Candidates, 1));

    [Fact]
    public void RejectsKBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbours.TopK("q", [1f, 0f], Candidates, 0));
}
