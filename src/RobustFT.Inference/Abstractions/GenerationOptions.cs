namespace RobustFT.Inference.Abstractions;

/// <summary>Decoding parameters of one request. Temperature 0 is greedy; <see cref="Seed"/> makes sampling reproducible.</summary>
public sealed record GenerationOptions(
    int MaxNewTokens = 256,
    double Temperature = 0,
    double TopP = 1,
    int TopK = 0,
    long Seed = 0,
    IReadOnlyList<string>? StopStrings = null)
{
    /// <summary>Stable text form, part of the inference cache key.</summary>
    public string CacheKey() =>
        FormattableString.Invariant($"max={MaxNewTokens};t={Temperature:R};p={TopP:R};k={TopK};seed={Seed};stop={string.Join("\u0001", StopStrings ?? [])}");
}
