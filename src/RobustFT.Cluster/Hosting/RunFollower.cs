using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>Follows a run the coordinator drives, from the store alone: polls the runs row and the read model's counts
/// until the run has ended, reporting progress. Given the node's <see cref="RunSignals"/> (embedded <c>run</c>), it also
/// reads them as soon as the run actor of its own process changed the row (a phase, the end), not at the next poll. With
/// <see cref="StaleAfter"/> it tells <see cref="OnStalled"/> while the run makes no visible move (phase, sample states,
/// running time of its segments): no coordinator has taken it.</summary>
public sealed class RunFollower(RunStore runs, SampleReadModel samples, TimeSpan pollInterval, RunSignals? signals = null)
{
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>Told how long the run has not moved, once per <see cref="StaleAfter"/> while it does not.</summary>
    public Action<TimeSpan>? OnStalled { get; init; }

    public async Task<RunRecord> FollowAsync(string runId, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var lastMove = DateTimeOffset.UtcNow;
        var lastWarning = lastMove;
        var lastSignature = "";
        while (true)
        {
            var changed = signals?.NextChange(runId); // taken before the read: a change during it is not missed
            var run = await runs.GetAsync(runId, ct) ?? throw new InvalidOperationException($"run {runId} disappeared from the store");
            var states = await samples.CountByStateAsync(runId, ct);
            progress?.Report(new RunProgress(runId, run.Phase, run.Samples, states, run.Paused, run.Threshold));
            if (run.Ended) return run;

            if (StaleAfter is { } staleAfter && OnStalled is not null)
            {
                var running = await runs.GetRunningTimeAsync(runId, ct);
                var signature = $"{run.Phase}|{running.Ticks}|{string.Join(',', states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}";
                var now = DateTimeOffset.UtcNow;
                if (signature != lastSignature)
                {
                    lastSignature = signature;
                    lastMove = lastWarning = now;
                }
                else if (!run.Paused && now - lastWarning >= staleAfter)
                {
                    lastWarning = now;
                    OnStalled(now - lastMove);
                }
            }
            await WaitAsync(changed, ct);
        }
    }

    /// <summary>The poll interval, or less when <paramref name="changed"/> completes first.</summary>
    private async Task WaitAsync(Task? changed, CancellationToken ct)
    {
        if (changed is null)
        {
            await Task.Delay(pollInterval, ct);
            return;
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(pollInterval, wait.Token);
        await Task.WhenAny(delay, changed);
        await wait.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
