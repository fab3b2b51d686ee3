namespace RobustFT.Inference.Abstractions;

/// <summary>A completion: its text, generated token ids and the log-probability of each chosen token. A request that
/// could not run (prompt longer than the context window, tokenizer failure) has <see cref="Error"/> set and no tokens;
/// the rest of its batch is unaffected.</summary>
public sealed record GenerationResult(
    string Text,
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<float> Logprobs,
    string FinishReason,
    string? Error = null)
{
    public static GenerationResult Failed(string error) => new("", [], [], "error", error);
    public bool Succeeded => Error is null;
}
