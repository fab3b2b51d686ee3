namespace RobustFT.Inference.Tokenization;

/// <summary>A Hugging Face <c>tokenizer.json</c> tokenizer: text to ids and back.</summary>
public interface ITokenizer
{
    int VocabSize { get; }

    /// <summary>Encodes text. With <paramref name="addSpecialTokens"/> the post-processor's tokens (BOS, [CLS]/[SEP]) are added.</summary>
    IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false);

    string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = true);

    /// <summary>Id of a token string (special or regular), or null.</summary>
    int? TokenToId(string token);

    string? IdToToken(int id);
}
