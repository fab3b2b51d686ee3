using System.Diagnostics;

namespace RobustFT.Bench.Scaling;

/// <summary>Samples this process's resident memory every 250 ms until disposed; <see cref="PeakMb"/> is the largest.</summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemory()
    {
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
    }

    public void Dispose() => _timer.Dispose();
}
