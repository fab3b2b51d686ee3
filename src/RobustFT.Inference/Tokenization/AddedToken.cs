namespace RobustFT.Inference.Tokenization;

/// <summary>One entry of <c>added_tokens</c>: matched in the text before normalisation and never split further.</summary>
public sealed record AddedToken(int Id, string Content, bool Special, bool Normalized, bool LStrip, bool RStrip, bool SingleWord);
