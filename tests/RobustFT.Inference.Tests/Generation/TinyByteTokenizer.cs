using System.Text;
using RobustFT.Inference.TinyModels;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Test tokenizer over the tiny BPE vocabulary that encodes one id per byte (no merges) and decodes any id of
/// the vocabulary through the GPT-2 byte table, so generator tests do not depend on the tokenizer.json loader.</summary>
internal sealed class TinyByteTokenizer : ITokenizer
{
    private readonly IReadOnlyList<string> _tokens = TinyBpeVocabulary.Tokens();
    private readonly Dictionary<string, int> _byteOfChar;

    public TinyByteTokenizer()
    {
        _byteOfChar = [];
        var order = new List<int>();
        for (var b = '!'; b <= '~'; b++) order.Add(b);
        for (var b = '¡'; b <= '¬'; b++) order.Add(b);
        for (var b = '®'; b <= 'ÿ'; b++) order.Add(b);
        for (var b = 0; b < 256; b++) if (!order.Contains(b)) order.Add(b);
        for (var id = 0; id < 256; id++) _byteOfChar[TinyBpeVocabulary.ByteTokens[id]] = order[id];
    }

    public int VocabSize => _tokens.Count;

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false)
    {
        var idOfByte = new int[256];
        foreach (var (ch, b) in _byteOfChar) idOfByte[b] = TinyBpeVocabulary.ByteTokens.ToList().IndexOf(ch);
        return Encoding.UTF8.GetBytes(text).Select(b => idOfByte[b]).ToArray();
    }

    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = true)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= TinyBpeVocabulary.EndOfTextId) { if (!skipSpecialTokens) bytes.AddRange(Encoding.UTF8.GetBytes(_tokens[id])); continue; }
            foreach (var rune in _tokens[id].EnumerateRunes()) bytes.Add((byte)_byteOfChar[rune.ToString()]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public int? TokenToId(string token) => _tokens.ToList().IndexOf(token) is var i && i >= 0 ? i : null;

    public string? IdToToken(int id) => id >= 0 && id < _tokens.Count ? _tokens[id] : null;
}
