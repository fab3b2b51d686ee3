namespace RobustFT.Inference.Generation;

/// <summary>The submissions of a <see cref="ContinuousGenerator"/>: requests wait here until its decode loop takes them;
/// each is answered through its own completion. A submission cancelled while it waits is skipped; one cancelled while
/// it decodes leaves the batch at the next step (<see cref="GenerationRow.Abandoned"/>).</summary>
internal sealed class SubmissionQueue : IRowSource
{
    private readonly object _lock = new();
    private readonly Queue<GenerationRow> _waiting = new();
    private readonly Dictionary<GenerationRow, TaskCompletionSource<GeneratedSequence>> _open = [];
    private bool _closed;

    public Task<GeneratedSequence> Add(GenerationRow row)
    {
        var completion = new TaskCompletionSource<GeneratedSequence>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_closed) throw new ObjectDisposedException(nameof(ContinuousGenerator));
            _open[row] = completion;
            _waiting.Enqueue(row);
            Monitor.PulseAll(_lock);
        }
        if (row.Cancellation.CanBeCanceled)
            row.Cancellation.Register(() =>
            {
                completion.TrySetCanceled(row.Cancellation);
                lock (_lock) Monitor.PulseAll(_lock);
            });
        return completion.Task;
    }

    public bool HasWaiting
    {
        get
        {
            lock (_lock)
            {
                SkipCancelled();
                return _waiting.Count > 0;
            }
        }
    }

    public bool TryTake(out GenerationRow row)
    {
        lock (_lock)
        {
            SkipCancelled();
            return _waiting.TryDequeue(out row!);
        }
    }

    public bool WaitForRows(CancellationToken cancellationToken)
    {
        using var wake = cancellationToken.Register(() => { lock (_lock) Monitor.PulseAll(_lock); });
        lock (_lock)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SkipCancelled();
                if (_waiting.Count > 0) return true;
                if (_closed) return false;
                Monitor.Wait(_lock);
            }
        }
    }

    public void Complete(GenerationRow row, GeneratedSequence result)
    {
        TaskCompletionSource<GeneratedSequence>? completion;
        lock (_lock)
            if (!_open.Remove(row, out completion)) return;
        if (row.Cancellation.IsCancellationRequested) completion.TrySetCanceled(row.Cancellation);
        else completion.TrySetResult(result);
    }

    /// <summary>Faults every submission the decode loop had taken and not answered (the loop failed under them).</summary>
    public void FaultTaken(Exception error)
    {
        List<TaskCompletionSource<GeneratedSequence>> taken;
        lock (_lock)
        {
            var waiting = _waiting.ToHashSet();
            var rows = _open.Keys.Where(r => !waiting.Contains(r)).ToList();
            taken = rows.Select(r => _open[r]).ToList();
            foreach (var r in rows) _open.Remove(r);
        }
        foreach (var t in taken) t.TrySetException(error);
    }

    /// <summary>No more submissions; those not answered yet are cancelled.</summary>
    public void Close()
    {
        List<TaskCompletionSource<GeneratedSequence>> left;
        lock (_lock)
        {
            _closed = true;
            left = [.. _open.Values];
            _open.Clear();
            _waiting.Clear();
            Monitor.PulseAll(_lock);
        }
        foreach (var t in left) t.TrySetCanceled();
    }

    private void SkipCancelled()
    {
        while (_waiting.TryPeek(out var head) && head.Cancellation.IsCancellationRequested)
        {
            _waiting.Dequeue();
            _open.Remove(head);
        }
    }
}
