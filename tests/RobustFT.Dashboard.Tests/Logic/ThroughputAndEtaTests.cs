using RobustFT.Dashboard.Api;

namespace RobustFT.Dashboard.Tests.Logic;

public sealed class ThroughputAndEtaTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Throughput_is_the_rate_between_successive_observations()
    {
        var history = new ThroughputHistory();
        history.Observe(T0, 0, 0);
        history.Observe(T0.AddSeconds(2), 10, 400);
        history.Observe(T0.AddSeconds(3), 13, 500);

        var points = history.Points();
        Assert.Equal([new ThroughputPoint(T0.AddSeconds(2), 5, 200), new ThroughputPoint(T0.AddSeconds(3), 3, 100)], points);
    }

    [Fact]
    public void Throughput_history_keeps_only_the_newest_points()
    {
        var history = new ThroughputHistory(capacity: 3);
        for (var i = 0; i <= 10; i++) history.Observe(T0.AddSeconds(i), i, i * 10L);

        Assert.Equal([T0.AddSeconds(8), T0.AddSeconds(9), T0.AddSeconds(10)], history.Points().Select(p => p.At));
    }

    [Fact]
    public void Eta_is_unknown_before_anything_finishes_and_zero_when_everything_has()
    {
        Assert.Null(EtaEstimator.Estimate(0, 100, [], TimeSpan.FromSeconds(10)));
        Assert.Equal(0, EtaEstimator.Estimate(100, 100, [], TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Eta_divides_the_remaining_samples_by_the_recent_rate_or_else_the_average_since_start()
    {
        Assert.Equal(20, EtaEstimator.Estimate(60, 100, [new(T0, 2, 0), new(T0, 0, 0), new(T0, 2, 0)], TimeSpan.FromSeconds(1000)));
        Assert.Equal(40, EtaEstimator.Estimate(50, 100, [], TimeSpan.FromSeconds(40)));
    }
}
