using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>A run's running time is the union of the segments its coordinators drove it in: time it lay dead between
/// a kill and a resume does not count (report.json <c>wallSeconds</c>).</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunningTimeTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset, DateTimeOffset) Segment(double fromSeconds, double toSeconds) =>
        (T0.AddSeconds(fromSeconds), T0.AddSeconds(toSeconds));

    [Fact]
    public void Gaps_between_segments_are_not_counted_and_overlaps_count_once()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), RunningTime.Union([Segment(0, 10), Segment(100, 105)]));
        Assert.Equal(TimeSpan.FromSeconds(12), RunningTime.Union([Segment(5, 12), Segment(0, 10)]));
        Assert.Equal(TimeSpan.FromSeconds(10), RunningTime.Union([Segment(0, 10), Segment(2, 3)]));
        Assert.Equal(TimeSpan.Zero, RunningTime.Union([Segment(4, 4)]));
        Assert.Equal(TimeSpan.Zero, RunningTime.Union([]));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_run_driven_twice_with_a_dead_pause_between_counts_only_the_two_driven_stretches(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = new RunStore(db.Connections);
        await store.EnsureSchemaAsync();
        var run = await store.CreateOrGetAsync(TestRunSettings.Create(TestDatabase.UniqueId("run")));

        var first = await store.StartSegmentAsync(run.RunId);
        await Task.Delay(400);
        await store.TouchSegmentAsync(run.RunId, first);
        await Task.Delay(1500); // the process is dead: nobody touches the segment
        var second = await store.StartSegmentAsync(run.RunId);
        await Task.Delay(400);
        await store.TouchSegmentAsync(run.RunId, second);

        var running = await store.GetRunningTimeAsync(run.RunId);
        var elapsed = DateTimeOffset.UtcNow - run.CreatedAt;
        Assert.InRange(running.TotalSeconds, 0.75, 1.5);
        Assert.True(elapsed - running >= TimeSpan.FromSeconds(1.4), $"running {running}, elapsed {elapsed}");
    }
}
