namespace RobustFT.Dashboard.Api;

/// <summary>A run's throughput over time, from successive observations of (finished samples, tokens generated). Keeps
/// the last <see cref="Capacity"/> points (a ring buffer). Thread-safe.</summary>
public sealed class ThroughputHistory(int capacity = 600)
{
    private readonly Queue<ThroughputPoint> _points = new();
    private readonly Lock _lock = new();
    private (DateTimeOffset At, int Finished, long Tokens)? _last;

    public int Capacity { get; } = capacity;

    /// <summary>Records an observation; from the second one on, appends the rates since the previous observation.</summary>
    public void Observe(DateTimeOffset at, int finished, long tokens)
    {
        lock (_lock)
        {
            if (_last is { } last && at > last.At)
            {
                var seconds = (at - last.At).TotalSeconds;
                _points.Enqueue(new ThroughputPoint(at, Math.Max(0, finished - last.Finished) / seconds, Math.Max(0, tokens - last.Tokens) / seconds));
                while (_points.Count > Capacity) _points.Dequeue();
            }
            if (_last is null || at > _last.Value.At) _last = (at, finished, tokens);
        }
    }

    /// <summary>The points, oldest first (at most the last <paramref name="max"/>).</summary>
    public IReadOnlyList<ThroughputPoint> Points(int max = int.MaxValue)
    {
        lock (_lock)
        {
            return _points.Skip(Math.Max(0, _points.Count - max)).ToList();
        }
    }
}
