using System.Text;

namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>ByteLevel</c>: optional prefix space, optional GPT-2 regex split, then every UTF-8 byte becomes its
/// printable char from <see cref="ByteUnicodeTable"/>.</summary>
public sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    /// <summary>The GPT-2 pre-tokenization pattern.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly CodePointRegex Gpt2Regex = new(Gpt2Pattern);

    public IEnumerable<string> PreTokenize(string text, bool atTextStart)
    {
        if (addPrefixSpace && !text.StartsWith(' ')) text = " " + text;
        var pieces = useRegex ? SegmentSplitter.Split(text, Gpt2Regex.Matches(text), SplitBehavior.Isolated) : [text];
        foreach (var piece in pieces) yield return ToByteChars(piece);
    }

    /// <summary>Maps the UTF-8 bytes of <paramref name="text"/> to byte-level chars.</summary>
    public static string ToByteChars(string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        if (count == text.Length)
        {
            // ASCII: one byte per char.
            return string.Create(count, text, static (span, t) =>
            {
                for (int i = 0; i < t.Length; i++) span[i] = ByteUnicodeTable.ByteToChar((byte)t[i]);
            });
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return string.Create(count, bytes, static (span, b) =>
        {
            for (int i = 0; i < b.Length; i++) span[i] = ByteUnicodeTable.ByteToChar(b[i]);
        });
    }
}
