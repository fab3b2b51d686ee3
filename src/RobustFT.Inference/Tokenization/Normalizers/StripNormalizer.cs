namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>Strip</c>: removes leading and/or trailing whitespace.</summary>
public sealed class StripNormalizer(bool left, bool right) : INormalizer
{
    public string Normalize(string text) => (left, right) switch
    {
        (true, true) => text.Trim(),
        (true, false) => text.TrimStart(),
        (false, true) => text.TrimEnd(),
        _ => text,
    };
}
