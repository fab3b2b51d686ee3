namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Digits</c>: isolates digits, each one alone (<c>individual_digits</c>) or as contiguous runs.</summary>
public sealed class DigitsPreTokenizer(bool individualDigits) : IPreTokenizer
{
    private static readonly CodePointRegex Digit = new(@"\p{Nd}");

    public IEnumerable<string> PreTokenize(string text, bool atTextStart) =>
        SegmentSplitter.Split(text, Digit.Matches(text), individualDigits ? SplitBehavior.Isolated : SplitBehavior.Contiguous);
}
