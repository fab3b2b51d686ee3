namespace RobustFT.Inference.TinyModels;

/// <summary>Shape of the tiny BERT-style encoder: word + position + token-type embeddings, post-LayerNorm blocks,
/// GELU(tanh) MLP, output <c>last_hidden_state</c>.</summary>
public sealed record TinyEncoderSpec(int VocabSize, int Hidden, int Layers, int Heads, int MaxPositions, int MlpHidden)
{
    public const float LayerNormEpsilon = 1e-12f;

    public int HeadDim => Hidden / Heads;

    /// <summary>The encoder that matches <see cref="TinyWordPieceVocabulary"/>.</summary>
    public static TinyEncoderSpec Default { get; } = new(TinyWordPieceVocabulary.Size, 32, 2, 4, 128, 64);
}
