using Microsoft.Extensions.Logging;
using RobustFT.Dashboard.Api;

namespace RobustFT.Dashboard.Live;

/// <summary>
/// Reads the store once per <see cref="Interval"/> (whatever the number of clients), records throughput, and publishes
/// one serialized snapshot per run to every server-sent-event client. Clients only wait for the next sequence number and
/// write the prepared text, so a slow or vanished client never holds up the others.
/// </summary>
public sealed class SnapshotBroadcaster(DashboardQueries queries, ThroughputRecorder throughput, TimeSpan interval, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, RunDetail> _endedDetails = new(StringComparer.Ordinal);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Published? _latest;
    private Task? _loop;

    public TimeSpan Interval { get; } = interval;

    /// <summary>The latest snapshot without a run detail (null before the first read of the store).</summary>
    public DashboardSnapshot? Latest => _latest?.Snapshot;

    /// <summary>Reads the store once, then keeps reading every <see cref="Interval"/> in the background.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await TickAsync(ct);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>The serialized event for <paramref name="runId"/> (null: the global stream) newer than
    /// <paramref name="after"/>; waits for the next tick when there is none yet.</summary>
    public async Task<(long Sequence, string Json)> NextAsync(long after, string? runId, CancellationToken ct)
    {
        while (true)
        {
            _stop.Token.ThrowIfCancellationRequested();
            var next = Volatile.Read(ref _next).Task;
            var latest = _latest;
            if (latest is not null && latest.Snapshot.Sequence > after) return (latest.Snapshot.Sequence, latest.Json(runId));
            await next.WaitAsync(ct);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await TickAsync(_stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("dashboard: reading the store failed: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        // One read of each run per tick: an ended run whose row has not changed reuses its last detail.
        var records = await queries.ListRunRecordsAsync(ct);
        var nodes = await queries.ListNodesAsync(ct);
        var details = new Dictionary<string, RunDetail>(StringComparer.Ordinal);
        var runs = new List<RunSummary>(records.Count);
        foreach (var record in records)
        {
            if (!record.Ended || !_endedDetails.TryGetValue(record.RunId, out var detail) || detail.Run.UpdatedAt != record.UpdatedAt)
            {
                detail = await queries.DetailAsync(record, ct);
                if (!detail.Run.Ended) throughput.For(record.RunId).Observe(DateTimeOffset.UtcNow, detail.Run.Finished, detail.Inference.Tokens);
                else _endedDetails[record.RunId] = detail;
            }
            details[record.RunId] = detail;
            runs.Add(detail.Run);
        }
        var sequence = (_latest?.Snapshot.Sequence ?? 0) + 1;
        _latest = new Published(new DashboardSnapshot(sequence, DateTimeOffset.UtcNow, runs, nodes, null), details);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        // Ends every event stream: their waits throw OperationCanceledException.
        Volatile.Read(ref _next).TrySetCanceled(_stop.Token);
    }

    /// <summary>A snapshot with its JSON, serialized at most once per stream.</summary>
    private sealed class Published(DashboardSnapshot snapshot, IReadOnlyDictionary<string, RunDetail> details)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _json = new(StringComparer.Ordinal);

        public DashboardSnapshot Snapshot { get; } = snapshot;

        public IReadOnlyDictionary<string, RunDetail> Details { get; } = details;

        public string Json(string? runId) => _json.GetOrAdd(runId ?? "", id =>
            DashboardJson.Serialize(Snapshot with { Run = id.Length == 0 ? null : Details.GetValueOrDefault(id) }));
    }

    /// <summary>The latest detail of every run (for metrics).</summary>
    public IReadOnlyDictionary<string, RunDetail> LatestDetails => _latest?.Details ?? new Dictionary<string, RunDetail>();
}
