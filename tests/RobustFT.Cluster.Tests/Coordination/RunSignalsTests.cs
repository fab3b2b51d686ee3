using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The process-local hints between a node's run parts, and the follower that acts on them, on a real SQLite store.</summary>
public sealed class RunSignalsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_change_wakes_only_those_that_waited_for_that_run_before_it()
    {
        var signals = new RunSignals();
        var before = signals.NextChange("a");
        var other = signals.NextChange("b");

        signals.Changed("a");

        await before.WaitAsync(Wait);
        Assert.False(other.IsCompleted);
        Assert.False(signals.NextChange("a").IsCompleted); // a wait taken after the change waits for the next one
    }

    [Fact]
    public void A_submission_reaches_every_handler_until_it_is_disposed()
    {
        var signals = new RunSignals();
        var heard = new List<string>();
        var first = signals.OnSubmitted(id => heard.Add("1:" + id));
        using var second = signals.OnSubmitted(id => heard.Add("2:" + id));

        signals.Submitted("r1");
        first.Dispose();
        first.Dispose();
        signals.Submitted("r2");

        Assert.Equal(["1:r1", "2:r1", "2:r2"], heard);
    }

    [Fact]
    public async Task The_follower_returns_as_soon_as_its_process_ends_the_run_not_at_the_next_poll()
    {
        await using var db = TestDatabase.CreateSqlite();
        var (services, runId, follower) = await SubmittedRunAsync(db, TimeSpan.FromHours(1));
        var seen = new List<RunProgress>();
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var following = follower.FollowAsync(runId, new SyncProgress(p =>
        {
            seen.Add(p);
            firstRead.TrySetResult();
        }), CancellationToken.None);
        await firstRead.Task.WaitAsync(Wait); // it has read the unended run; its next poll is an hour away
        await services.Runs.MarkEndedAsync(runId);
        services.Signals.Changed(runId);

        var final = await following.WaitAsync(Wait);
        Assert.True(final.Ended);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Without_a_hint_the_follower_still_finds_the_end_at_its_poll()
    {
        await using var db = TestDatabase.CreateSqlite();
        var (services, runId, follower) = await SubmittedRunAsync(db, TimeSpan.FromMilliseconds(100));

        var following = follower.FollowAsync(runId, null, CancellationToken.None);
        await services.Runs.MarkEndedAsync(runId); // ended in another process: no hint here

        Assert.True((await following.WaitAsync(Wait)).Ended);
    }

    /// <summary>A submitted one-sample run in <paramref name="db"/> and a follower of it polling every <paramref name="poll"/>,
    /// hearing the node's hints.</summary>
    private static async Task<(RuntimeServices Services, string RunId, RunFollower Follower)> SubmittedRunAsync(TestDatabase db, TimeSpan poll)
    {
        var services = await CoordinationServices.CreateAsync(db);
        var runId = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(1));
        return (services, runId, new RunFollower(services.Runs, services.Samples, poll, services.Signals));
    }

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
