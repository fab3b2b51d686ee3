using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// Continuous batching in front of one model on one node. Callers submit their requests and await their own results;
/// the gate runs at most <c>concurrentCalls</c> model calls at a time and, whenever a call slot is free, takes what is
/// pending: one <see cref="PromptBucketer"/> batch (one length bucket, at most max-batch-size requests and
/// max-batch-tokens), the one holding the oldest pending request. Requests submitted while the model is busy therefore
/// wait for the next call together instead of forming calls of their own.
/// </summary>
/// <remarks>A failed call faults only the callers with a request in it. A caller that gives up (its token is
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
    public ModelGate(string name, Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> call,
        Func<TRequest, int> tokens, PromptBucketer bucketer, int concurrentCalls, Action<int>? onCall = null)
    {
        if (bucketer.MaxBatchSize < 1) throw new ArgumentException($"max-batch-size must be at least 1, got {bucketer.MaxBatchSize}", nameof(bucketer));
        _name = name;
        _call = call;
        _tokens = tokens;
        _bucketer = bucketer;
        _maxCalls = Math.Max(1, concurrentCalls);
        _onCall = onCall;
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
        cancellationToken.ThrowIfCancellationRequested();
        var entries = requests.Select(r => new Pending(r, _tokens(r))).ToArray();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.AddRange(entries);
        }
        using var registration = cancellationToken.Register(() =>
        {
            foreach (var e in entries) e.Result.TrySetCanceled(cancellationToken);
        });
        Pump();
        return await Task.WhenAll(entries.Select(e => e.Result.Task));
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
                batch = TakeBatch();
                stopping = _stopping.Token;
                _running++;
            }
            _ = Task.Run(() => RunAsync(batch, stopping));
        }
    }

    /// <summary>Removes and returns the bucketer batch that holds the oldest pending request (in bucketer order).</summary>
    private List<Pending> TakeBatch()
    {
        var groups = _bucketer.Split(_pending.Select(p => p.Tokens).ToList());
        var group = groups.First(g => g.Contains(0));
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
            lock (_lock) _running--;
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
        _stopping.Cancel();
        foreach (var p in left) p.Result.TrySetCanceled(_stopping.Token);
        _stopping.Dispose();
    }

    private sealed class Pending(TRequest request, int tokens)
    {
        public TRequest Request { get; } = request;
        public int Tokens { get; } = tokens;
        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
