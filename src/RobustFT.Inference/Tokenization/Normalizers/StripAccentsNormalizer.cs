using System.Globalization;
using System.Text;

namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>StripAccents</c>: drops non-spacing combining marks (pair it with NFD, as Hugging Face expects).</summary>
public sealed class StripAccentsNormalizer : INormalizer
{
    public string Normalize(string text) => RemoveMarks(text);

    internal static string RemoveMarks(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) sb.Append(rune.ToString());
        }

        return sb.ToString();
    }
}
