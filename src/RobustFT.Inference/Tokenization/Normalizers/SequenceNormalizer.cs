namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>Sequence</c>: applies each normalizer in order.</summary>
public sealed class SequenceNormalizer(IReadOnlyList<INormalizer> normalizers) : INormalizer
{
    public string Normalize(string text)
    {
        foreach (var n in normalizers) text = n.Normalize(text);
        return text;
    }
}
