using System.Text;
using RobustFT.Inference.TinyModels;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Test tokenizer over the tiny BPE vocabulary that encodes one id per byte (no merges) and decodes any id of
/// the vocabulary through the GPT-2 byte table, so generator tests do not depend on the tokenizer.json loader.</summary>
internal sealed class TinyByteTokenizer : ITokenizer
{
    private readonly IReadOnlyList<string> _tokens = TinyBpeVocabulary.Tokens();
    private readonly Dictionary<string, byte> _byteOfChar = [];
    private readonly int[] _idOfByte = new int[256];

    public TinyByteTokenizer()
    {
        for (var id = 0; id < 256; id++)
        {
            _byteOfChar[TinyBpeVocabulary.ByteTokens[id]] = TinyBpeVocabulary.ByteValues[id];
            _idOfByte[TinyBpeVocabulary.ByteValues[id]] = id;
        }
    }

    public int VocabSize => _tokens.Count;

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false) =>
        Encoding.UTF8.GetBytes(text).Select(b => _idOfByte[b]).ToArray();

    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = true)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= TinyBpeVocabulary.EndOfTextId)
            {
                if (!skipSpecialTokens) bytes.AddRange(Encoding.UTF8.GetBytes(_tokens[id]));
                continue;
            }
            foreach (var rune in _tokens[id].EnumerateRunes()) bytes.Add(_byteOfChar[rune.ToString()]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public int? TokenToId(string token)
    {
        for (var id = 0; id < _tokens.Count; id++)
            if (_tokens[id] == token) return id;
        return null;
    }

    public string? IdToToken(int id) => id >= 0 && id < _tokens.Count ? _tokens[id] : null;
}
