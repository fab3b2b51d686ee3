namespace RobustFT.Inference.Tokenization;

/// <summary>A piece of input text: either plain text still to tokenize, or an added token already resolved to its id.</summary>
public readonly record struct TextSegment(string Text, int? AddedTokenId)
{
    public static TextSegment Plain(string text) => new(text, null);
}
