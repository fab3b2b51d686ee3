using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A simulated GPU: every call takes <paramref name="perCall"/> whatever its size; counts the requests served.</summary>
public sealed class PacedLanguageModel(TimeSpan perCall) : ILanguageModel
{
    private int _served;

    public string ModelId => "m";

    public int Served => Volatile.Read(ref _served);

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        await Task.Delay(perCall, cancellationToken);
        Interlocked.Add(ref _served, batch.Count);
        return batch.Select(r => new GenerationResult($"Answer: {r.SampleId}", [1], [-0.1f], "stop")).ToList();
    }
}
