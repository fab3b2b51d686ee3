using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;

namespace RobustFT.Bench.Failover;

/// <summary>
/// Polls, every <see cref="Interval"/>, what the survivors see: the cluster's members through a ClusterClient whose
/// contacts are the surviving nodes (what <c>robustft status --json</c> does, without starting a process per look),
/// and the run's per-state counts in the read model. Keeps the first time each condition held; a look that failed
/// (a node busy, the ClusterClient routed to the dead node) is simply missed.
/// </summary>
public sealed class ClusterWatch : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly FailoverCluster _cluster;
    private readonly string _stopped;
    private readonly string _runId;
    private readonly ClusterStatusClient _status;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _members;
    private readonly Task _readModel;
    private IReadOnlyDictionary<string, int>? _countsAtStart;

    /// <param name="stopped">The node being killed or stopped.</param>
    /// <param name="survivors">The nodes whose view is asked.</param>
    public ClusterWatch(FailoverCluster cluster, string stopped, IReadOnlyList<string> survivors, string runId)
    {
        _cluster = cluster;
        _stopped = stopped;
        _runId = runId;
        _status = new ClusterStatusClient(
            new ClusterFormation("127.0.0.1", "", 0, survivors.Select(cluster.SeedAddress).ToList(), 100, TimeSpan.Zero), TimeSpan.FromSeconds(2));
        _members = Task.Run(() => LoopAsync(WatchMembersAsync));
        _readModel = Task.Run(() => LoopAsync(WatchReadModelAsync));
    }

    /// <summary>When the node was stopped; looks started before it do not count (null: not stopped yet).</summary>
    public DateTime? Since { get; private set; }

    /// <summary>Marks the stop (call right before it): the looks that start after it count.</summary>
    public DateTime Stop() => (Since = DateTime.UtcNow).Value;

    /// <summary>A survivor's view first showed the stopped node unreachable.</summary>
    public DateTime? Unreachable { get; private set; }

    /// <summary>… with status Down (or Leaving/Exiting for a graceful stop).</summary>
    public DateTime? Downed { get; private set; }

    /// <summary>… without the stopped node.</summary>
    public DateTime? Removed { get; private set; }

    /// <summary>The read model's per-state counts first differed from those at the stop.</summary>
    public DateTime? ReadModelMoved { get; private set; }

    /// <summary>The runs row first showed the run ended.</summary>
    public DateTime? Ended { get; private set; }

    public RunPhase? Phase { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_members, _readModel);
        await _status.DisposeAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(Func<CancellationToken, Task> look)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await look(_stop.Token);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // missed look: a node busy or the answer routed to the dead node
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchMembersAsync(CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var snapshot = await _status.GetAsync(ct);
        var at = DateTime.UtcNow;
        if (Since is not { } since || started < since) return;
        var member = snapshot.Members.FirstOrDefault(m => _cluster.Owns(_stopped, m.Address));
        if (member is null)
        {
            Removed ??= at;
            return;
        }
        if (!member.Reachable) Unreachable ??= at;
        if (member.Status is "Down" or "Leaving" or "Exiting") Downed ??= at;
    }

    private async Task WatchReadModelAsync(CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var counts = await _cluster.Samples.CountByStateAsync(_runId, ct);
        var at = DateTime.UtcNow;
        if (Since is not { } since || started < since) return;
        // The dead node's projection wrote the read model until the kill; the first look after it is the reference.
        _countsAtStart ??= counts;
        if (ReadModelMoved is null && !Same(counts, _countsAtStart)) ReadModelMoved = at;
        var run = await _cluster.Runs.GetAsync(_runId, ct);
        Phase = run?.Phase;
        if (run is { Ended: true }) Ended ??= at;
    }

    private static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
