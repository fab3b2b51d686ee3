using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Nodes;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// The coordinator role of a cluster node: finds submitted runs that have not ended, takes each one's lease and drives
/// it with <see cref="RunCoordinator"/>; renews its leases and stops driving a run whose lease it lost. When a
/// coordinator node dies, its leases expire and any other coordinator node picks the runs up where the store left them.
/// </summary>
public sealed class CoordinatorService(
    RunStore store,
    RunLeases leases,
    RunCoordinator coordinator,
    RunCatalog catalog,
    NodeIdentity identity,
    CoordinatorOptions options,
    ILogger<CoordinatorService> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Driven> _driving = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Runs this node drives now.</summary>
    public IReadOnlyCollection<string> Driving => _driving.Keys.ToList();

    /// <summary>Starts the loop; the tables exist already (<c>RunDatabase.EnsureSchemaAsync</c> at node start).</summary>
    public Task StartAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task LoopAsync()
    {
        // Renew well within the lease, and look for newly submitted runs at least every second.
        var interval = TimeSpan.FromTicks(Math.Min(options.LeaseTtl.Ticks / 3, TimeSpan.FromSeconds(1).Ticks));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await TickAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("coordinator {NodeId}: {Error}; retrying in {Seconds:F0}s", identity.NodeId, e.Message, interval.TotalSeconds);
            }
            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round: renew what is held (dropping lost runs), then take what is free.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        foreach (var (runId, driven) in _driving)
        {
            if (driven.Task.IsCompleted)
            {
                _driving.TryRemove(runId, out _);
                continue;
            }
            if (!await leases.TryAcquireAsync(runId, identity.NodeId, options.LeaseTtl, ct))
            {
                logger.LogWarning("coordinator {NodeId}: lost the lease of run {RunId}; another coordinator drives it now", identity.NodeId, runId);
                await driven.Cancel.CancelAsync();
            }
        }
        foreach (var runId in await store.ListUnendedAsync(ct))
        {
            if (_driving.TryGetValue(runId, out var current) && !current.Task.IsCompleted) continue;
            if (!await leases.TryAcquireAsync(runId, identity.NodeId, options.LeaseTtl, ct)) continue;
            logger.LogInformation("coordinator {NodeId}: took run {RunId}", identity.NodeId, runId);
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _driving[runId] = new Driven(DriveAsync(runId, cancel), cancel);
        }
    }

    private async Task DriveAsync(string runId, CancellationTokenSource cancel)
    {
        await Task.Yield();
        try
        {
            catalog.Invalidate(runId);
            var final = await coordinator.DriveAsync(runId, null, cancel.Token);
            logger.LogInformation("coordinator {NodeId}: run {RunId} ended in phase {Phase}", identity.NodeId, runId, final.Phase);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError("coordinator {NodeId}: driving run {RunId} failed: {Error}; it will be picked up again", identity.NodeId, runId, e.Message);
        }
        finally
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await leases.ReleaseAsync(runId, identity.NodeId, timeout.Token);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "coordinator {NodeId}: could not release run {RunId}", identity.NodeId, runId);
            }
            cancel.Dispose();
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        await Task.WhenAll(_driving.Values.Select(d => d.Task));
        _stop.Dispose();
    }

    private sealed record Driven(Task Task, CancellationTokenSource Cancel);
}
