namespace RobustFT.Inference.Tokenization.Models;

/// <summary>Third pipeline stage: turns one pre-tokenized piece into token ids.</summary>
public interface ITokenizerModel
{
    int VocabSize { get; }

    void Tokenize(string piece, List<int> ids);

    int? TokenToId(string token);

    string? IdToToken(int id);
}
