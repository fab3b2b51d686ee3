namespace RobustFT.Inference.TinyModels;

/// <summary>All parameters of a <see cref="TinyGptSpec"/> decoder, generated deterministically from a seed.</summary>
public sealed record TinyGptWeights(
    TinyGptSpec Spec,
    long Seed,
    float[] TokenEmbedding,
    float[] PositionEmbedding,
    IReadOnlyList<TinyLayerWeights> Layers,
    float[] FinalLnScale,
    float[] FinalLnBias,
    float[] LmHead)
{
    public static TinyGptWeights Create(TinyGptSpec spec, long seed)
    {
        var g = new WeightGenerator(seed);
        var tokens = g.Embedding(spec.VocabSize, spec.Hidden);
        var positions = g.Embedding(spec.ContextWindow, spec.Hidden, 0.3f);
        var layers = Enumerable.Range(0, spec.Layers).Select(_ => TinyLayerWeights.Create(g, spec.Hidden, spec.MlpHidden)).ToArray();
        var lnScale = g.Gain(spec.Hidden);
        var lnBias = g.Bias(spec.Hidden);
        var head = g.Matrix(spec.Hidden, spec.VocabSize, 3f);
        return new TinyGptWeights(spec, seed, tokens, positions, layers, lnScale, lnBias, head);
    }
}
