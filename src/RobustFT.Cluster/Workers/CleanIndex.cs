using System.Collections.Concurrent;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Workers;

/// <summary>Per-run set of clean samples' embeddings, loaded from the read model once the first barrier has passed (the
/// clean set no longer changes then).</summary>
public sealed class CleanIndex(SampleReadModel samples)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<(string Id, float[] Vector)>>>> _runs = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<(string Id, float[] Vector)>> GetAsync(string runId, CancellationToken ct) =>
        _runs.GetOrAdd(runId, id => new(() => LoadAsync(id))).Value.WaitAsync(ct);

    private async Task<IReadOnlyList<(string Id, float[] Vector)>> LoadAsync(string runId)
    {
        try
        {
            var clean = await samples.ListAsync(runId, SampleStates.Clean);
            return clean.Where(s => s.Embedding is not null)
                        .OrderBy(s => s.SampleId, StringComparer.Ordinal)
                        .Select(s => (s.SampleId, s.Embedding!)).ToList();
        }
        catch
        {
            _runs.TryRemove(runId, out _);
            throw;
        }
    }
}
