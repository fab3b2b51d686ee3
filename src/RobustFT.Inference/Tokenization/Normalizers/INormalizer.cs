namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary>First pipeline stage: rewrites the text of a segment before it is pre-tokenized.</summary>
public interface INormalizer
{
    string Normalize(string text);
}
