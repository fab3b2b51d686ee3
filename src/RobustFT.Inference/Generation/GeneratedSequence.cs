using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.Generation;

/// <summary>A finished request: decoded text (stop string removed), generated ids (an EOS id included in the ids, never in the text), the
/// log-probability of each chosen id under the model's distribution (temperature 1), the entropy of each step's
/// distribution when asked for, and why it stopped: "eos" | "length" | "stop" | "error".</summary>
public sealed record GeneratedSequence(
    string Text,
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<float> Logprobs,
    IReadOnlyList<float>? Entropies,
    string FinishReason,
    string? Error = null)
{
    public static GeneratedSequence Failed(string error) => new("", [], [], null, "error", error);

    public GenerationResult ToResult() =>
        Error is null ? new GenerationResult(Text, TokenIds, Logprobs, FinishReason) : GenerationResult.Failed(Error);
}
