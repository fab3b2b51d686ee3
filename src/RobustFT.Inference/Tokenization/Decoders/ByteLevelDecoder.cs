using System.Text;

namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>ByteLevel</c>: maps byte-level chars back to bytes and decodes UTF-8 (invalid bytes become U+FFFD).
/// Chars outside the table (e.g. special tokens) contribute their own UTF-8 bytes.</summary>
public sealed class ByteLevelDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var token in tokens)
        {
            foreach (var rune in token.EnumerateRunes())
            {
                if (rune.IsBmp && ByteUnicodeTable.TryCharToByte((char)rune.Value, out var b))
                {
                    bytes.Add(b);
                }
                else
                {
                    int n = rune.EncodeToUtf8(buffer);
                    for (int i = 0; i < n; i++) bytes.Add(buffer[i]);
                }
            }
        }

        return [Encoding.UTF8.GetString(bytes.ToArray())];
    }
}
