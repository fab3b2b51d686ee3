namespace RobustFT.Inference.Tokenization.Models;

/// <summary>Token string ↔ id maps shared by the models.</summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _tokenToId;
    private readonly string?[] _idToToken;

    public Vocabulary(Dictionary<string, int> tokenToId, string location = "tokenizer.json: model.vocab")
    {
        _tokenToId = tokenToId;
        int maxId = tokenToId.Count == 0 ? -1 : tokenToId.Values.Max();
        if (tokenToId.Values.Any(id => id < 0)) throw new TokenizerException($"{location} has a negative id");
        _idToToken = new string?[maxId + 1];
        foreach (var (token, id) in tokenToId) _idToToken[id] = token;
    }

    public int Count => _tokenToId.Count;

    public bool TryGetId(string token, out int id) => _tokenToId.TryGetValue(token, out id);

    public int? TokenToId(string token) => _tokenToId.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_idToToken.Length ? _idToToken[id] : null;
}
