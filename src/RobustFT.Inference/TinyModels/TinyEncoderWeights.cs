namespace RobustFT.Inference.TinyModels;

/// <summary>All parameters of a <see cref="TinyEncoderSpec"/> encoder, generated deterministically from a seed.</summary>
public sealed record TinyEncoderWeights(
    TinyEncoderSpec Spec,
    long Seed,
    float[] WordEmbedding,
    float[] PositionEmbedding,
    float[] TypeEmbedding,
    float[] EmbeddingLnScale,
    float[] EmbeddingLnBias,
    IReadOnlyList<TinyLayerWeights> Layers)
{
    public const int TypeVocabulary = 2;

    public static TinyEncoderWeights Create(TinyEncoderSpec spec, long seed)
    {
        var g = new WeightGenerator(seed ^ 0x656E636F646572L);
        var words = g.Embedding(spec.VocabSize, spec.Hidden);
        var positions = g.Embedding(spec.MaxPositions, spec.Hidden, 0.3f);
        var types = g.Embedding(TypeVocabulary, spec.Hidden, 0.3f);
        var lnScale = g.Gain(spec.Hidden);
        var lnBias = g.Bias(spec.Hidden);
        var layers = Enumerable.Range(0, spec.Layers).Select(_ => TinyLayerWeights.Create(g, spec.Hidden, spec.MlpHidden)).ToArray();
        return new TinyEncoderWeights(spec, seed, words, positions, types, lnScale, lnBias, layers);
    }
}
