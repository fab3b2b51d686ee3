namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>BertPreTokenizer</c>: splits on whitespace (dropped), then isolates every punctuation char.</summary>
public sealed class BertPreTokenizer : IPreTokenizer
{
    private static readonly WhitespaceSplitPreTokenizer Whitespace = new();
    private static readonly PunctuationPreTokenizer Punctuation = new(SplitBehavior.Isolated);

    public IEnumerable<string> PreTokenize(string text, bool atTextStart) =>
        Whitespace.PreTokenize(text, atTextStart).SelectMany(w => Punctuation.PreTokenize(w, false));
}
