using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Workers;

/// <summary>Loads a run's clean samples' embeddings from the read model (by id), once the first barrier has passed (the
/// clean set no longer changes then). The <see cref="Retriever"/> loads it once per run and keeps it.</summary>
public sealed class CleanIndex(SampleReadModel samples)
{
    public async Task<IReadOnlyList<(string Id, float[] Vector)>> LoadAsync(string runId, CancellationToken ct)
    {
        var clean = await samples.ListAsync(runId, SampleStates.Clean).WaitAsync(ct);
        return clean.Where(s => s.Embedding is not null)
                    .OrderBy(s => s.SampleId, StringComparer.Ordinal)
                    .Select(s => (s.SampleId, s.Embedding!)).ToList();
    }
}
