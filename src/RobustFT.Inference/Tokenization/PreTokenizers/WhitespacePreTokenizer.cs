namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Whitespace</c>: keeps runs of word chars and runs of other non-space chars (<c>\w+|[^\w\s]+</c>).</summary>
public sealed class WhitespacePreTokenizer : IPreTokenizer
{
    private static readonly CodePointRegex Pattern = new(@"\w+|[^\w\s]+");

    public IEnumerable<string> PreTokenize(string text, bool atTextStart) =>
        SegmentSplitter.Split(text, Pattern.Matches(text), SplitBehavior.Removed, invert: true);
}
