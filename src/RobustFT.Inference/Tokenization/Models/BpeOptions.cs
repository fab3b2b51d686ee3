namespace RobustFT.Inference.Tokenization.Models;

/// <summary>The options of a <c>tokenizer.json</c> BPE model.</summary>
public sealed record BpeOptions(
    string? UnkToken = null,
    bool FuseUnk = false,
    bool ByteFallback = false,
    bool IgnoreMerges = false,
    string? ContinuingSubwordPrefix = null,
    string? EndOfWordSuffix = null);
