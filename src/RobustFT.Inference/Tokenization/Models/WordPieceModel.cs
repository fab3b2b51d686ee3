namespace RobustFT.Inference.Tokenization.Models;

/// <summary><c>WordPiece</c>: greedy longest-match-first; non-initial pieces carry the "##" prefix; a word with any
/// unmatched remainder, or longer than <c>max_input_chars_per_word</c>, becomes the unknown token.</summary>
public sealed class WordPieceModel : ITokenizerModel
{
    private readonly Vocabulary _vocab;
    private readonly int _unkId;
    private readonly string _prefix;
    private readonly int _maxChars;

    public WordPieceModel(Vocabulary vocab, string unkToken, string continuingSubwordPrefix, int maxInputCharsPerWord, string location = "tokenizer.json: model")
    {
        _vocab = vocab;
        _unkId = vocab.TokenToId(unkToken)
            ?? throw new TokenizerException($"{location}.unk_token '{unkToken}' is not in the vocab");
        _prefix = continuingSubwordPrefix;
        _maxChars = maxInputCharsPerWord;
    }

    public int VocabSize => _vocab.Count;

    public int? TokenToId(string token) => _vocab.TokenToId(token);

    public string? IdToToken(int id) => _vocab.IdToToken(id);

    public void Tokenize(string piece, List<int> ids)
    {
        if (piece.Length == 0) return;
        if (piece.EnumerateRunes().Count() > _maxChars)
        {
            ids.Add(_unkId);
            return;
        }

        var found = new List<int>();
        int start = 0;
        while (start < piece.Length)
        {
            int end = piece.Length;
            int? match = null;
            while (end > start)
            {
                string candidate = start > 0 ? _prefix + piece[start..end] : piece[start..end];
                if (_vocab.TryGetId(candidate, out var id))
                {
                    match = id;
                    break;
                }

                end--;
                if (end > start && char.IsLowSurrogate(piece[end])) end--;
            }

            if (match is null)
            {
                ids.Add(_unkId);
                return;
            }

            found.Add(match.Value);
            start = end;
        }

        ids.AddRange(found);
    }
}
