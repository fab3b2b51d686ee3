using System.Diagnostics;

namespace RobustFT.Bench.Scaling;

/// <summary>One simulated GPU: runs one call at a time (generation and embedding share it), each call sleeping its
/// <see cref="GpuCost"/> latency. Sleeping keeps the CPU free, so the only real cost left is the runtime's own.</summary>
public sealed class SimulatedGpu
{
    private readonly SemaphoreSlim _device = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<string, GpuUsage> _usage = new(StringComparer.Ordinal);
    private readonly List<(long Start, long End, string Kind, int Size)> _calls = [];

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
                _calls.Add((started, Stopwatch.GetTimestamp(), kind, batchSize));
            }
        }
        finally
        {
            _device.Release();
        }
    }

    /// <summary>Where the device stood idle between <paramref name="from"/> and <paramref name="to"/> (Stopwatch
    /// timestamps): before its first call, after its last, and the gaps between calls of at least
    /// <paramref name="minGap"/> (start in seconds after <paramref name="from"/>, length in seconds).</summary>
    public GpuIdle Idle(long from, long to, TimeSpan minGap)
    {
        List<(long Start, long End, string Kind, int Size)> calls;
        lock (_gate) calls = _calls.Where(c => c.End > from && c.Start < to).OrderBy(c => c.Start).ToList();
        double Seconds(long a, long b) => Math.Max(0, (double)(b - a) / Stopwatch.Frequency);
        if (calls.Count == 0) return new GpuIdle(Seconds(from, to), 0, []);
        var gaps = new List<(double At, double Length)>();
        for (var i = 1; i < calls.Count; i++)
        {
            var gap = Seconds(calls[i - 1].End, calls[i].Start);
            if (gap >= minGap.TotalSeconds) gaps.Add((Seconds(from, calls[i - 1].End), gap));
        }
        return new GpuIdle(Seconds(from, calls[0].Start), Seconds(calls[^1].End, to), gaps);
    }

    /// <summary>Every call's size in order, a letter for its kind (g12 e30 …): how full the batches were, and when.</summary>
    public string CallSizes()
    {
        lock (_gate) return string.Join(' ', _calls.OrderBy(c => c.Start).Select(c => $"{c.Kind[0]}{c.Size}"));
    }

    /// <summary>Usage so far for one kind of call (<c>generate</c> or <c>embed</c>).</summary>
    public GpuUsage Usage(string kind)
    {
        lock (_gate) return _usage.GetValueOrDefault(kind) ?? GpuUsage.Empty;
    }
}
