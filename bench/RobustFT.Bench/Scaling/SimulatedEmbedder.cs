using RobustFT.Inference.Abstractions;

namespace RobustFT.Bench.Scaling;

/// <summary>An encoder on a <see cref="SimulatedGpu"/>: each batch occupies the device for a + b·batch, then the inner
/// encoder answers.</summary>
public sealed class SimulatedEmbedder(IEmbedder inner, SimulatedGpu gpu, GpuCost cost) : IEmbedder
{
    public const string Kind = "embed";

    public string ModelId => inner.ModelId;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        await gpu.RunAsync(Kind, cost, texts.Count, cancellationToken);
        return await inner.EmbedAsync(texts, cancellationToken);
    }
}
