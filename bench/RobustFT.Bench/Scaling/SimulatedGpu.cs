using System.Diagnostics;

namespace RobustFT.Bench.Scaling;

/// <summary>One simulated GPU: runs one call at a time (generation and embedding share it), each call sleeping its
/// <see cref="GpuCost"/> latency. Sleeping keeps the CPU free, so the only real cost left is the runtime's own.</summary>
public sealed class SimulatedGpu
{
    private readonly SemaphoreSlim _device = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<string, GpuUsage> _usage = new(StringComparer.Ordinal);

    /// <summary>Occupies the device for <paramref name="cost"/>'s latency at <paramref name="batchSize"/>.</summary>
    public async Task RunAsync(string kind, GpuCost cost, int batchSize, CancellationToken ct)
    {
        await _device.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(cost.Latency(batchSize), ct);
            var held = Stopwatch.GetElapsedTime(started);
            lock (_gate)
            {
                var before = _usage.GetValueOrDefault(kind) ?? GpuUsage.Empty;
                _usage[kind] = before.Add(batchSize, cost.LatencyMs(batchSize), held.TotalMilliseconds);
            }
        }
        finally
        {
            _device.Release();
        }
    }

    /// <summary>Usage so far for one kind of call (<c>generate</c> or <c>embed</c>).</summary>
    public GpuUsage Usage(string kind)
    {
        lock (_gate) return _usage.GetValueOrDefault(kind) ?? GpuUsage.Empty;
    }
}
