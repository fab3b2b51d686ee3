using System.Globalization;
using System.Text.RegularExpressions;

namespace RobustFT.Inference.Tokenization;

/// <summary>
/// Runs a .NET regex with Hugging Face (Oniguruma / fancy-regex) code-point semantics. .NET matches UTF-16 chars,
/// so an astral character (emoji, CJK extension B, math letters) is two surrogate chars of category Cs that
/// <c>\p{L}</c> and single-char classes see wrongly. When the text has surrogates, each code point is replaced by one
/// BMP stand-in of the same Unicode category, the regex runs on that proxy, and match ranges are mapped back.
/// </summary>
public sealed class CodePointRegex
{
    private readonly Regex _regex;

    public CodePointRegex(string pattern)
    {
        _regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern => _regex.ToString();

    /// <summary>Non-empty match ranges (start, length) in UTF-16 indices of <paramref name="text"/>.</summary>
    public List<(int Start, int Length)> Matches(string text)
    {
        var result = new List<(int, int)>();
        if (!HasSurrogates(text))
        {
            for (var m = _regex.Match(text); m.Success; m = m.NextMatch())
            {
                if (m.Length > 0) result.Add((m.Index, m.Length));
            }

            return result;
        }

        var (proxy, offsets) = BuildProxy(text);
        for (var m = _regex.Match(proxy); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0) continue;
            int start = offsets[m.Index];
            int end = offsets[m.Index + m.Length];
            result.Add((start, end - start));
        }

        return result;
    }

    private static bool HasSurrogates(string text)
    {
        foreach (char c in text)
        {
            if (char.IsSurrogate(c)) return true;
        }

        return false;
    }

    /// <summary>Proxy string with one char per code point, and proxy index → original UTF-16 index (length + 1 entries).</summary>
    private static (string Proxy, int[] Offsets) BuildProxy(string text)
    {
        var proxy = new char[text.Length];
        var offsets = new int[text.Length + 1];
        int p = 0;
        for (int i = 0; i < text.Length;)
        {
            offsets[p] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(text[i], text[i + 1]);
                proxy[p++] = StandIn(CharUnicodeInfo.GetUnicodeCategory(cp));
                i += 2;
            }
            else
            {
                proxy[p++] = text[i];
                i++;
            }
        }

        offsets[p] = text.Length;
        return (new string(proxy, 0, p), offsets);
    }

    /// <summary>A BMP character of the given category that is no ASCII literal a tokenizer pattern could name.</summary>
    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'Ā',
        UnicodeCategory.LowercaseLetter => 'ā',
        UnicodeCategory.TitlecaseLetter => 'ǅ',
        UnicodeCategory.ModifierLetter => 'ʰ',
        UnicodeCategory.OtherLetter => '一',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => 'Ⅰ',
        UnicodeCategory.OtherNumber => '²',
        UnicodeCategory.ConnectorPunctuation => '‿',
        UnicodeCategory.DashPunctuation => '‐',
        UnicodeCategory.OpenPunctuation => '⁅',
        UnicodeCategory.ClosePunctuation => '⁆',
        UnicodeCategory.InitialQuotePunctuation => '«',
        UnicodeCategory.FinalQuotePunctuation => '»',
        UnicodeCategory.OtherPunctuation => '§',
        UnicodeCategory.MathSymbol => '±',
        UnicodeCategory.CurrencySymbol => '€',
        UnicodeCategory.ModifierSymbol => '˚',
        UnicodeCategory.OtherSymbol => '©',
        UnicodeCategory.Format => '\u200B',
        _ => '\uE000',
    };
}
