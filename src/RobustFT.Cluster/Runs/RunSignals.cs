namespace RobustFT.Cluster.Runs;

/// <summary>
/// Hints between the parts of one process that otherwise find each other's work only by polling the store: a run
/// submitted here (<see cref="Submitted"/>, heard by this node's coordinator, which then lists the unended runs at once
/// instead of at its next poll) and a run whose row changed here (<see cref="Changed"/>: a phase mirrored, the run ended,
/// heard by a <see cref="Hosting.RunFollower"/> of this process, which then reads the row at once). A hint carries no
/// state: whoever hears one reads the store as at a poll, and the polls go on, so a lost hint (the coordinator or the
/// follower in another process) costs at most one poll interval. One per node (<see cref="Hosting.RuntimeServices.Signals"/>);
/// thread-safe.
/// </summary>
public sealed class RunSignals
{
    private readonly Lock _lock = new();
    private readonly List<Action<string>> _submittedHandlers = [];
    private readonly Dictionary<string, TaskCompletionSource> _changes = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="handler"/> with the run id of every run <see cref="Submitted"/> in this process
    /// until the returned handle is disposed.</summary>
    public IDisposable OnSubmitted(Action<string> handler)
    {
        lock (_lock) _submittedHandlers.Add(handler);
        return new Subscription(() =>
        {
            lock (_lock) _submittedHandlers.Remove(handler);
        });
    }

    /// <summary>The run's row was moved past Ingesting here: it is ready to be driven.</summary>
    public void Submitted(string runId)
    {
        Action<string>[] handlers;
        lock (_lock) handlers = [.. _submittedHandlers];
        foreach (var handler in handlers) handler(runId);
    }

    /// <summary>Completes when <see cref="Changed"/> is next called for <paramref name="runId"/> (after this call).</summary>
    public Task NextChange(string runId)
    {
        lock (_lock)
        {
            if (!_changes.TryGetValue(runId, out var change))
                _changes[runId] = change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return change.Task;
        }
    }

    /// <summary>The run's row changed here (phase, threshold, ended): wakes whoever waits on <see cref="NextChange"/>.</summary>
    public void Changed(string runId)
    {
        TaskCompletionSource? change;
        lock (_lock)
        {
            if (!_changes.Remove(runId, out change)) return;
        }
        change.TrySetResult();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
