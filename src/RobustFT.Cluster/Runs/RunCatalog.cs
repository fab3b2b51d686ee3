using System.Collections.Concurrent;

namespace RobustFT.Cluster.Runs;

/// <summary>Process-wide cache of <see cref="RunContext"/>s read from the store. A run's settings and samples never
/// change after ingestion, so a context is loaded at most once per process.</summary>
public sealed class RunCatalog(RunStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RunContext>>> _runs = new(StringComparer.Ordinal);

    public Task<RunContext> GetAsync(string runId, CancellationToken ct = default) =>
        _runs.GetOrAdd(runId, id => new Lazy<Task<RunContext>>(() => LoadAsync(id))).Value.WaitAsync(ct);

    /// <summary>Forgets a run (after ingestion added samples to it, or when a load failed).</summary>
    public void Invalidate(string runId) => _runs.TryRemove(runId, out _);

    private async Task<RunContext> LoadAsync(string runId)
    {
        try
        {
            var run = await store.GetAsync(runId) ?? throw new KeyNotFoundException($"unknown run '{runId}'");
            var samples = await store.LoadSamplesAsync(runId);
            return new RunContext(run.Settings, samples);
        }
        catch
        {
            Invalidate(runId);
            throw;
        }
    }
}
