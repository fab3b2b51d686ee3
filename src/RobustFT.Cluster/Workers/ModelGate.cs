using System.Diagnostics;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// Continuous batching in front of one model on one node. Callers submit their requests and await their own results;
/// the gate runs at most <c>concurrentCalls</c> model calls at a time and, whenever a call slot is free, takes what is
/// pending: one <see cref="PromptBucketer"/> call around the oldest pending request (its length bucket first, the room
/// left filled from the nearest buckets; at most max-batch-size requests and max-batch-tokens). Requests submitted while
/// the model is busy therefore wait for the next call together instead of forming calls of their own. When a slot is free and the pending requests do
/// not fill a call, the gate waits until its oldest request is <c>maxWait</c> old (max-wait), so requests that arrive
/// together at an idle model (the first of a step, a barrier's release) share a call instead of the first few taking it
/// alone; a full call is cut at once, and a request that waited through a running call is never held longer.
/// </summary>
/// <remarks><para>A request submitted with an owner (<see cref="SubmitEach"/>) can be taken back while it waits behind
/// running calls (<see cref="Withdraw"/>): the GPU worker gives such requests back to a dispatcher whose other workers ran
/// out of work, so a step's last requests do not queue behind one busy device while another idles.</para>
/// A failed call faults only the callers with a request in it. A caller that gives up (its token is
/// cancelled) stops waiting: its requests still pending are dropped, a call already running continues for the others.
/// The model call itself is cancelled only when the gate is disposed.</remarks>
public sealed class ModelGate<TRequest, TResult> : IDisposable
{
    private readonly string _name;
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> _call;
    private readonly Func<TRequest, int> _tokens;
    private readonly PromptBucketer _bucketer;
    private readonly int _maxCalls;
    private readonly Action<int>? _onCall;
    private readonly TimeSpan _maxWait;
    private readonly Timer _waitTimer;
    private bool _waitArmed;
    private long _lastCallEnded; // Stopwatch timestamp; requests older than this waited through a call
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private int _running;
    private bool _disposed;

    /// <param name="name">Names the model in errors ("model m1").</param>
    /// <param name="call">One model call: one result per request, in order.</param>
    /// <param name="tokens">A request's estimated prompt + new tokens, for the length buckets.</param>
    /// <param name="bucketer">Cuts the pending requests into model batches.</param>
    /// <param name="concurrentCalls">Model calls allowed at the same time (at least 1).</param>
    /// <param name="onCall">Told the size of every successful model call.</param>
    /// <param name="maxWait">How long a request may wait at an idle model for others to share its call (zero: none).</param>
    public ModelGate(string name, Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> call,
        Func<TRequest, int> tokens, PromptBucketer bucketer, int concurrentCalls, Action<int>? onCall = null, TimeSpan maxWait = default)
    {
        if (maxWait < TimeSpan.Zero) throw new ArgumentException($"max-wait must not be negative, got {maxWait}", nameof(maxWait));
        if (bucketer.MaxBatchSize < 1) throw new ArgumentException($"max-batch-size must be at least 1, got {bucketer.MaxBatchSize}", nameof(bucketer));
        _name = name;
        _call = call;
        _tokens = tokens;
        _bucketer = bucketer;
        _maxCalls = Math.Max(1, concurrentCalls);
        _onCall = onCall;
        _maxWait = maxWait;
        _waitTimer = new Timer(_ =>
        {
            lock (_lock) _waitArmed = false;
            Pump();
        });
    }

    /// <summary>Model calls running now.</summary>
    public int RunningCalls
    {
        get { lock (_lock) return _running; }
    }

    /// <summary>Requests waiting for a call (those of callers that gave up included until the next call is cut).</summary>
    public int PendingRequests
    {
        get { lock (_lock) return _pending.Count; }
    }

    /// <summary>Runs <paramref name="requests"/> through the model, in one or more calls shared with other callers'
    /// requests; the results are in request order.</summary>
    public async Task<IReadOnlyList<TResult>> SubmitAsync(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return [];
        return await Task.WhenAll(Submit(requests, null, cancellationToken));
    }

    /// <summary>Submits <paramref name="requests"/> together (they can share a call) and returns one task per request,
    /// each with its own outcome: its result, its call's failure, <see cref="RequestWithdrawnException"/> when
    /// <see cref="Withdraw"/> took it back (under its <paramref name="owners"/> entry), or cancellation when
    /// <paramref name="cancellationToken"/> is cancelled before its call.</summary>
    public IReadOnlyList<Task<TResult>> SubmitEach(IReadOnlyList<TRequest> requests, IReadOnlyList<string> owners, CancellationToken cancellationToken)
    {
        if (owners.Count != requests.Count)
            throw new ArgumentException($"{owners.Count} owners for {requests.Count} requests", nameof(owners));
        return requests.Count == 0 ? [] : Submit(requests, owners, cancellationToken);
    }

    /// <summary>Takes back up to <paramref name="max"/> pending requests whose owner <paramref name="owned"/> accepts,
    /// newest first, but only while every call slot is busy: a request that would start at the next free slot (or is
    /// held for max-wait at an idle model) is kept. Their <see cref="SubmitEach"/> tasks end with
    /// <see cref="RequestWithdrawnException"/>; the owners taken back are returned, so another device can run them.</summary>
    public IReadOnlyList<string> Withdraw(Func<string, bool> owned, int max)
    {
        var taken = new List<Pending>();
        lock (_lock)
        {
            if (_disposed || _running < _maxCalls) return [];
            for (var i = _pending.Count - 1; i >= 0 && taken.Count < max; i--)
            {
                var p = _pending[i];
                if (p.Owner is null || p.Result.Task.IsCompleted || !owned(p.Owner)) continue;
                taken.Add(p);
                _pending.RemoveAt(i);
            }
        }
        foreach (var p in taken) p.Result.TrySetException(new RequestWithdrawnException(p.Owner!));
        return taken.Select(p => p.Owner!).ToList();
    }

    /// <summary>Queues <paramref name="requests"/> (with their owners, if any), cancels those still pending when
    /// <paramref name="cancellationToken"/> is, pumps, and returns one task per request.</summary>
    private Task<TResult>[] Submit(IReadOnlyList<TRequest> requests, IReadOnlyList<string>? owners, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = requests.Select((r, i) => new Pending(r, _tokens(r), owners?[i])).ToArray();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.AddRange(entries);
        }
        var tasks = entries.Select(e => e.Result.Task).ToArray();
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                foreach (var e in entries) e.Result.TrySetCanceled(cancellationToken);
            });
            _ = Task.WhenAll(tasks).ContinueWith(all =>
            {
                _ = all.Exception; // observed: each caller sees its own outcome on its own task
                registration.Dispose();
            }, TaskScheduler.Default);
        }
        Pump();
        return tasks;
    }

    /// <summary>Starts calls while a slot is free and requests are pending.</summary>
    private void Pump()
    {
        while (true)
        {
            List<Pending> batch;
            CancellationToken stopping;
            lock (_lock)
            {
                if (_disposed || _running >= _maxCalls) return;
                _pending.RemoveAll(p => p.Result.Task.IsCompleted);
                if (_pending.Count == 0) return;
                if (HoldForMore()) return;
                batch = TakeBatch();
                stopping = _stopping.Token;
                _running++;
            }
            _ = Task.Run(() => RunAsync(batch, stopping));
        }
    }

    /// <summary>Whether the pending requests wait for more (under the lock): fewer than max-batch-size pend, and the oldest
    /// arrived after the last call ended (it did not wait through one) and is younger than max-wait; the timer then pumps
    /// again when it is due.</summary>
    private bool HoldForMore()
    {
        if (_maxWait <= TimeSpan.Zero) return false;
        var oldest = _pending[0].Since;
        if (oldest <= _lastCallEnded) return false;
        var age = Stopwatch.GetElapsedTime(oldest);
        if (age >= _maxWait) return false;
        if (_pending.Count >= _bucketer.MaxBatchSize) return false;
        if (!_waitArmed)
        {
            _waitArmed = true;
            _waitTimer.Change(_maxWait - age, Timeout.InfiniteTimeSpan);
        }
        return true;
    }

    /// <summary>Removes and returns the call the bucketer fills around the oldest pending request (in bucketer order).</summary>
    private List<Pending> TakeBatch()
    {
        var group = _bucketer.Fill(_pending.Select(p => p.Tokens).ToList(), 0);
        var batch = group.Select(i => _pending[i]).ToList();
        var taken = group.ToHashSet();
        var kept = _pending.Where((_, i) => !taken.Contains(i)).ToList();
        _pending.Clear();
        _pending.AddRange(kept);
        return batch;
    }

    private async Task RunAsync(List<Pending> batch, CancellationToken stopping)
    {
        try
        {
            var results = await _call(batch.Select(p => p.Request).ToList(), stopping);
            if (results.Count != batch.Count)
                throw new InvalidOperationException($"{_name} returned {results.Count} results for {batch.Count} requests");
            _onCall?.Invoke(batch.Count);
            for (var j = 0; j < batch.Count; j++) batch[j].Result.TrySetResult(results[j]);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var p in batch) p.Result.TrySetCanceled(stopping);
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Result.TrySetException(e);
        }
        finally
        {
            lock (_lock)
            {
                _running--;
                _lastCallEnded = Stopwatch.GetTimestamp();
            }
            Pump();
        }
    }

    /// <summary>Cancels running calls and the callers still waiting.</summary>
    public void Dispose()
    {
        List<Pending> left;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            left = [.. _pending];
            _pending.Clear();
        }
        _waitTimer.Dispose();
        _stopping.Cancel();
        foreach (var p in left) p.Result.TrySetCanceled(_stopping.Token);
        _stopping.Dispose();
    }

    private sealed class Pending(TRequest request, int tokens, string? owner)
    {
        public TRequest Request { get; } = request;
        public int Tokens { get; } = tokens;
        public string? Owner { get; } = owner;
        public long Since { get; } = Stopwatch.GetTimestamp();
        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
