using System.Collections.Concurrent;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Workers;

/// <summary>Workers' view of a run's pause/cancel flags, read from the store at most every
/// <see cref="RefreshInterval"/> per run.</summary>
public sealed class RunControl(RunStore store)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, RunRecord? Run)> _seen = new(StringComparer.Ordinal);

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken ct)
    {
        if (_seen.TryGetValue(runId, out var entry) && DateTimeOffset.UtcNow - entry.At < RefreshInterval) return entry.Run;
        var run = await store.GetAsync(runId, ct);
        _seen[runId] = (DateTimeOffset.UtcNow, run);
        return run;
    }

    /// <summary>Waits while the run is paused. Returns false when the run was cancelled (or no longer exists).</summary>
    public async Task<bool> WaitUntilRunnableAsync(string runId, CancellationToken ct)
    {
        while (true)
        {
            var run = await GetAsync(runId, ct);
            if (run is null || run.Phase == RunPhase.Cancelled) return false;
            if (!run.Paused) return true;
            await Task.Delay(RefreshInterval, ct);
        }
    }
}
