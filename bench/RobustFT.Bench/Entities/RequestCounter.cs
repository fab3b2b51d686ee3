using System.Collections.Concurrent;

namespace RobustFT.Bench.Entities;

/// <summary>Distinct request ids seen, and a task that completes when <see cref="Expected"/> of them arrived.</summary>
public sealed class RequestCounter(int expected)
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Expected { get; } = expected;
    public int Count => _seen.Count;
    public Task All => _all.Task;

    public void Add(string requestId)
    {
        if (_seen.TryAdd(requestId, 0) && _seen.Count >= Expected) _all.TrySetResult();
    }
}
