namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>Replace</c>: replaces a literal string with <c>content</c> in every token.</summary>
public sealed class ReplaceDecoder(string pattern, string content) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) =>
        tokens.Select(t => pattern.Length == 0 ? t : t.Replace(pattern, content, StringComparison.Ordinal)).ToList();
}
