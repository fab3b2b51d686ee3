namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>Prepend</c>: puts a prefix (usually "▁") before non-empty text.</summary>
public sealed class PrependNormalizer(string prepend) : INormalizer
{
    public string Normalize(string text) => text.Length == 0 ? text : prepend + text;
}
