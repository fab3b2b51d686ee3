using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>Follows a run the coordinator drives, from the store alone: polls the runs row and the read model's counts
/// until the run has ended, reporting progress. With <see cref="StaleAfter"/> it tells <see cref="OnStalled"/> while the
/// run makes no visible move (phase, sample states, running time of its segments): no coordinator has taken it.</summary>
public sealed class RunFollower(RunStore runs, SampleReadModel samples, TimeSpan pollInterval)
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
            await Task.Delay(pollInterval, ct);
        }
    }
}
