using System.Globalization;
using System.Text;

namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>BertNormalizer</c>: clean control chars, pad CJK ideographs with spaces, strip accents, lowercase.</summary>
public sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : INormalizer
{
    public string Normalize(string text)
    {
        if (cleanText) text = CleanText(text);
        if (handleChineseChars) text = PadChineseChars(text);
        if (stripAccents ?? lowercase) text = StripAccentsNormalizer.RemoveMarks(UnicodeNormalization.Normalize(text, NormalizationForm.FormD));
        if (lowercase) text = text.ToLowerInvariant();
        return text;
    }

    private static string CleanText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == 0 || rune.Value == 0xFFFD) continue;
            if (rune.Value is '\t' or '\n' or '\r' || Rune.IsWhiteSpace(rune))
            {
                sb.Append(' ');
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
                or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    private static string PadChineseChars(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsChineseChar(rune.Value)) sb.Append(' ').Append(rune.ToString()).Append(' ');
            else sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    private static bool IsChineseChar(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
