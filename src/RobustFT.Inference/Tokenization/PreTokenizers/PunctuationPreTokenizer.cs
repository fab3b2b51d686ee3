using System.Globalization;

namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Punctuation</c>: splits on every punctuation char (ASCII punctuation or Unicode P*) with a behaviour.</summary>
public sealed class PunctuationPreTokenizer(SplitBehavior behavior) : IPreTokenizer
{
    public IEnumerable<string> PreTokenize(string text, bool atTextStart)
    {
        var matches = new List<(int, int)>();
        for (int i = 0; i < text.Length;)
        {
            int width = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (IsPunctuation(text, i)) matches.Add((i, width));
            i += width;
        }

        return SegmentSplitter.Split(text, matches, behavior);
    }

    /// <summary>Hugging Face's <c>is_bert_punc</c>: ASCII punctuation or a Unicode punctuation category.</summary>
    public static bool IsPunctuation(string text, int index)
    {
        char c = text[index];
        if (c < 128) return !char.IsAsciiLetterOrDigit(c) && c > ' ' && c < 127;
        return CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}
