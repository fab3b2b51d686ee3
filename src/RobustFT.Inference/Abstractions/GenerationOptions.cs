namespace RobustFT.Inference.Abstractions;

/// <summary>Decoding parameters of one request. Temperature 0 is greedy; <see cref="Seed"/> makes sampling reproducible.
/// <see cref="ScoreAlone"/>: the log-probabilities (and entropies) of the generated tokens come from a forward pass of
/// this request alone over its prompt and answer, so they do not depend on the batch it was generated in (batched
/// floating point does); a model that cannot (a remote server) ignores it.</summary>
public sealed record GenerationOptions(
    int MaxNewTokens = 256,
    double Temperature = 0,
    double TopP = 1,
    int TopK = 0,
    long Seed = 0,
    IReadOnlyList<string>? StopStrings = null,
    bool ScoreAlone = false)
{
    /// <summary>Stable text form, part of the inference cache key.</summary>
    public string CacheKey() =>
        FormattableString.Invariant($"max={MaxNewTokens};t={Temperature:R};p={TopP:R};k={TopK};seed={Seed};stop={string.Join("\u0001", StopStrings ?? [])}")
        + (ScoreAlone ? ";alone" : "");
}
