namespace RobustFT.Inference.TinyModels;

/// <summary>Shape of the tiny GPT-2-style decoder: learned positions, pre-LayerNorm blocks, GELU(tanh) MLP,
/// untied LM head.</summary>
public sealed record TinyGptSpec(int VocabSize, int Hidden, int Layers, int Heads, int ContextWindow, int MlpHidden)
{
    public const float LayerNormEpsilon = 1e-5f;

    public int HeadDim => Hidden / Heads;

    /// <summary>The decoder that matches <see cref="TinyBpeVocabulary"/>.</summary>
    public static TinyGptSpec Default { get; } = new(TinyBpeVocabulary.Size, 64, 2, 4, 512, 128);
}
