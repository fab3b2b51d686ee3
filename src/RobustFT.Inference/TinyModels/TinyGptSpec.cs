namespace RobustFT.Inference.TinyModels;

/// <summary>Shape of the tiny GPT-2-style decoder: learned positions, pre-LayerNorm blocks, GELU(tanh) MLP,
/// untied LM head.</summary>
public sealed record TinyGptSpec(int VocabSize, int Hidden, int Layers, int Heads, int ContextWindow, int MlpHidden)
{
    public const float LayerNormEpsilon = 1e-5f;

    public int HeadDim => Hidden / Heads;

    /// <summary>The decoder that matches <see cref="TinyBpeVocabulary"/>.</summary>
    public static TinyGptSpec Default { get; } = new(TinyBpeVocabulary.Size, 64, 2, 4, 512, 128);

    /// <summary>A decoder realistic in shape for benchmarks (about 58 M parameters: vocabulary 32,000, hidden 512,
    /// 8 layers, 8 heads, MLP 2048, 1024 positions), so the model's own work dominates ORT's per-call overhead. It keeps
    /// the tiny tokenizer: ids beyond its 303 tokens decode to nothing.</summary>
    public static TinyGptSpec Small { get; } = new(32000, 512, 8, 8, 1024, 2048);

    /// <summary>Preset names accepted by <see cref="Preset"/>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["tiny", "small"];

    /// <summary>"tiny" (<see cref="Default"/>) or "small" (<see cref="Small"/>).</summary>
    public static TinyGptSpec Preset(string name) => name.ToLowerInvariant() switch
    {
        "tiny" => Default,
        "small" => Small,
        _ => throw new ArgumentException($"unknown model preset '{name}' (expected {string.Join(" or ", PresetNames)})", nameof(name)),
    };
}
