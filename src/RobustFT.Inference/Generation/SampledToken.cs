namespace RobustFT.Inference.Generation;

/// <summary>A chosen token, its log-probability under the raw logits and the entropy of that distribution (NaN when
/// not computed).</summary>
public readonly record struct SampledToken(int TokenId, float Logprob, float Entropy);
