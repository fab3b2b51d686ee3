using RobustFT.Inference.Abstractions;

namespace RobustFT.Bench.Scaling;

/// <summary>A generator on a <see cref="SimulatedGpu"/>: each batch occupies the device for a + b·batch, then the inner
/// (scripted) model answers.</summary>
public sealed class SimulatedGpuModel(ILanguageModel inner, SimulatedGpu gpu, GpuCost cost) : ILanguageModel
{
    public const string Kind = "generate";

    public string ModelId => inner.ModelId;

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        await gpu.RunAsync(Kind, cost, batch.Count, cancellationToken);
        return await inner.GenerateAsync(batch, cancellationToken);
    }
}
