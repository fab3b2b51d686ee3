namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>Lowercase</c>.</summary>
public sealed class LowercaseNormalizer : INormalizer
{
    public string Normalize(string text) => text.ToLowerInvariant();
}
