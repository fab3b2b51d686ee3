using System.Collections.Concurrent;

namespace RobustFT.Dashboard.Api;

/// <summary>Throughput histories of every run seen by this process (history starts when the process starts).</summary>
public sealed class ThroughputRecorder
{
    private readonly ConcurrentDictionary<string, ThroughputHistory> _runs = new(StringComparer.Ordinal);

    public ThroughputHistory For(string runId) => _runs.GetOrAdd(runId, _ => new ThroughputHistory());

    public IReadOnlyList<ThroughputPoint> Points(string runId, int max = int.MaxValue) =>
        _runs.TryGetValue(runId, out var history) ? history.Points(max) : [];
}
