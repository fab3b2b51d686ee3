using System.Diagnostics;
using RobustFT.Cluster.Runs;

namespace RobustFT.Bench.Scaling;

/// <summary>When the coordinator first reported each run phase, in seconds after <see cref="Start"/> (to within one poll
/// interval).</summary>
public sealed class PhaseTimeline : IProgress<RunProgress>
{
    private readonly object _gate = new();
    private readonly Dictionary<string, double> _firstSeen = new(StringComparer.Ordinal);
    private long _started = Stopwatch.GetTimestamp();
    private RunProgress? _last;

    /// <summary>The latest progress report (phase, samples per state), null before the first.</summary>
    public RunProgress? Last => Volatile.Read(ref _last);

    public void Start() => _started = Stopwatch.GetTimestamp();

    public void Report(RunProgress value)
    {
        var at = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        Volatile.Write(ref _last, value);
        lock (_gate) _firstSeen.TryAdd(value.Phase.ToString(), Math.Round(at, 2));
    }

    public IReadOnlyDictionary<string, double> FirstSeen
    {
        get
        {
            lock (_gate) return new Dictionary<string, double>(_firstSeen, StringComparer.Ordinal);
        }
    }
}
