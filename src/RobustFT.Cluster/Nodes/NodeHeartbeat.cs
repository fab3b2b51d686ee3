using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Nodes;

/// <summary>Writes the node's row every <see cref="Interval"/> until disposed; removes it on a clean stop. A missed
/// write (store briefly down) is logged and retried at the next tick.</summary>
public sealed class NodeHeartbeat(NodeRegistry registry, WorkerMetrics metrics, NodeIdentity identity, ILogger<NodeHeartbeat> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private (DateTimeOffset At, long Tokens) _last = (DateTimeOffset.UtcNow, 0);

    public required TimeSpan Interval { get; init; }

    public NodeIdentity Identity => identity;

    public async Task StartAsync(CancellationToken ct)
    {
        await BeatAsync(ct);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The record the next heartbeat writes.</summary>
    public NodeRecord Current()
    {
        var now = DateTimeOffset.UtcNow;
        var (tokens, requests, fill) = metrics.Snapshot();
        var seconds = (now - _last.At).TotalSeconds;
        var rate = seconds > 0 ? (tokens - _last.Tokens) / seconds : 0;
        _last = (now, tokens);
        return new NodeRecord(identity.NodeId, identity.Roles, identity.Host, identity.ProcessId, identity.ExecutionProvider,
            identity.StartedAt, now, new NodeStats(tokens, requests, fill, rate, metrics.InFlight));
    }

    private Task BeatAsync(CancellationToken ct) => registry.HeartbeatAsync(Current(), ct);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await BeatAsync(_stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("node {NodeId}: heartbeat failed: {Error}", identity.NodeId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await registry.RemoveAsync(identity.NodeId, timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "node {NodeId}: could not remove its row", identity.NodeId);
        }
        _stop.Dispose();
    }
}
