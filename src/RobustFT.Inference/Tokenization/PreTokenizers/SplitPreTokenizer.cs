using System.Text.RegularExpressions;

namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Split</c>: splits on a regex (or literal string) with a delimiter behaviour, optionally inverted.</summary>
public sealed class SplitPreTokenizer(CodePointRegex pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    public static SplitPreTokenizer ForString(string literal, SplitBehavior behavior, bool invert) =>
        new(new CodePointRegex(Regex.Escape(literal)), behavior, invert);

    public IEnumerable<string> PreTokenize(string text, bool atTextStart) =>
        SegmentSplitter.Split(text, pattern.Matches(text), behavior, invert);
}
