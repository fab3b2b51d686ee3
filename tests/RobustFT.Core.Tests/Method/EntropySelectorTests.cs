using RobustFT.Core.Method;

namespace RobustFT.Core.Tests.Method;

public class EntropySelectorTests
{
    // Values computed by hand with numpy.percentile's default (linear) interpolation: index = q * (n - 1).
    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 0.5, 2.0)]
    [InlineData(new[] { 5.0, 4.0, 3.0, 2.0, 1.0 }, 0.3, 2.2)]
    [InlineData(new[] { 10.0, 20.0 }, 0.25, 12.5)]
    [InlineData(new[] { 0.5, 0.1, 0.9, 0.3 }, 0.75, 0.6)]
    [InlineData(new[] { 7.0 }, 0.5, 7.0)]
    [InlineData(new[] { 2.0, 8.0, 4.0 }, 1.0, 8.0)]
    [InlineData(new[] { 2.0, 8.0, 4.0 }, 0.0, 2.0)]
    public void QuantileEqualsNumpyLinearInterpolation(double[] values, double q, double expected) =>
        Assert.Equal(expected, EntropySelector.Quantile(values, q), 12);

    [Fact]
    public void KeepsOnlySamplesStrictlyBelowTheThreshold()
    {
        var result = EntropySelector.Select(Scores(("a", 1), ("b", 2), ("c", 3)), 0.5);
        Assert.Equal(2.0, result.Threshold);
        Assert.True(result.Decisions["a"].Selected);
        Assert.False(result.Decisions["b"].Selected);
        Assert.False(result.Decisions["c"].Selected);
        Assert.Equal(1, result.SelectedCount);
    }

    [Fact]
    public void RanksByEntropyThenIdIndependentOfInputOrder()
    {
        var scores = Scores(("d", 2), ("b", 2), ("a", 5), ("c", 1), ("e", 2));
        var forward = EntropySelector.Select(scores, 0.5);
        var backward = EntropySelector.Select(scores.Reverse().ToArray(), 0.5);
        Assert.Equal(forward.Decisions.OrderBy(d => d.Key), backward.Decisions.OrderBy(d => d.Key));
        Assert.Equal(1, forward.Decisions["c"].Rank);
        Assert.Equal(2, forward.Decisions["b"].Rank);
        Assert.Equal(3, forward.Decisions["d"].Rank);
        Assert.Equal(4, forward.Decisions["e"].Rank);
        Assert.Equal(5, forward.Decisions["a"].Rank);
        // Threshold is 2 (the median); tied samples at 2 are all dropped, only c is kept.
        Assert.Equal(["c"], forward.Decisions.Where(d => d.Value.Selected).Select(d => d.Key));
    }

    [Fact]
    public void BetaOneKeepsEverySample()
    {
        var result = EntropySelector.Select(Scores(("a", 1), ("b", 9), ("c", 9)), 1.0);
        Assert.Equal(3, result.SelectedCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void BetaOutOfRangeThrows(double beta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EntropySelector.Select(Scores(("a", 1)), beta));

    [Fact]
    public void Entropies_that_differ_below_the_sixth_decimal_rank_as_ties_broken_by_id()
    {
        // "b" moves from just above "a" to just below it, below the precision entropies are ranked at.
        var first = EntropySelector.Select(Scores(("a", 0.40000001), ("b", 0.000000032 + 0.4), ("c", 0.9)), 0.5);
        var resumed = EntropySelector.Select(Scores(("a", 0.000000032 + 0.4), ("b", 0.40000001), ("c", 0.9)), 0.5);

        Assert.Equal(first.Decisions.OrderBy(d => d.Key), resumed.Decisions.OrderBy(d => d.Key));
        Assert.Equal((1, 2), (first.Decisions["a"].Rank, first.Decisions["b"].Rank));
        Assert.Equal(first.Threshold, resumed.Threshold);
    }

    [Fact]
    public void Samples_tied_at_the_threshold_after_rounding_are_all_dropped()
    {
        // Rounded: a = 0.1, b = c = 0.2 (the median), d = 0.3.
        var result = EntropySelector.Select(Scores(("a", 0.1), ("b", 0.2000004), ("c", 0.1999996), ("d", 0.3)), 0.5);

        Assert.Equal(0.2, result.Threshold, 12);
        Assert.Equal([true, false, false, false], new[] { "a", "b", "c", "d" }.Select(id => result.Decisions[id].Selected));
        Assert.Equal((2, 3), (result.Decisions["b"].Rank, result.Decisions["c"].Rank));
    }

    [Fact]
    public void NoScoresSelectNothing() => Assert.Equal(0, EntropySelector.Select([], 0.5).SelectedCount);

    private static EntropyScore[] Scores(params (string Id, double Entropy)[] items) =>
        items.Select(i => new EntropyScore(i.Id, i.Entropy)).ToArray();
}
