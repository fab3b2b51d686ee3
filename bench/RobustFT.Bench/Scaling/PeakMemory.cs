using System.Diagnostics;
using System.Globalization;

namespace RobustFT.Bench.Scaling;

/// <summary>Samples this process's resident memory every 250 ms until disposed; <see cref="PeakMb"/> is the largest.
/// With <paramref name="printEvery"/>, prints resident and managed memory (and what <paramref name="progress"/> says)
/// that often, to show whether memory stays flat over a long run.</summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private readonly TimeSpan? _printEvery;
    private readonly Func<string>? _progress;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _peak;
    private long _nextPrint;

    public PeakMemory(TimeSpan? printEvery = null, Func<string>? progress = null)
    {
        _printEvery = printEvery;
        _progress = progress;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public double PeakMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / (1024.0 * 1024.0);
        }
    }

    private void Sample()
    {
        using var self = Process.GetCurrentProcess();
        var rss = self.WorkingSet64;
        long seen;
        while (rss > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, rss, seen) != seen) { }
        if (_printEvery is not { } every) return;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var due = Interlocked.Read(ref _nextPrint);
        if (elapsed.Ticks < due || Interlocked.CompareExchange(ref _nextPrint, due + every.Ticks, due) != due) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  memory t={elapsed.TotalSeconds:0}s rss {rss / 1048576.0:0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB, " +
            $"gen2 GCs {GC.CollectionCount(2)}; {_progress?.Invoke()}"));
    }

    public void Dispose() => _timer.Dispose();
}
