namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Metaspace</c>: spaces become the replacement char ("▁"), which is prepended per the scheme, and the
/// text is optionally split before each replacement char.</summary>
public sealed class MetaspacePreTokenizer(char replacement, PrependScheme prependScheme, bool split) : IPreTokenizer
{
    public IEnumerable<string> PreTokenize(string text, bool atTextStart)
    {
        text = text.Replace(' ', replacement);
        bool prepend = prependScheme == PrependScheme.Always || (prependScheme == PrependScheme.First && atTextStart);
        if (prepend && !text.StartsWith(replacement)) text = replacement + text;
        if (!split) return text.Length == 0 ? [] : [text];

        var matches = new List<(int, int)>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == replacement) matches.Add((i, 1));
        }

        return SegmentSplitter.Split(text, matches, SplitBehavior.MergedWithNext);
    }
}
