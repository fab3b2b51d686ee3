using System.Text.RegularExpressions;

namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary><c>Replace</c>: replaces a literal string (or a regex) with <c>content</c>.</summary>
public sealed class ReplaceNormalizer : INormalizer
{
    private readonly string? _literal;
    private readonly Regex? _regex;
    private readonly string _content;

    private ReplaceNormalizer(string? literal, Regex? regex, string content)
    {
        _literal = literal;
        _regex = regex;
        _content = content;
    }

    public static ReplaceNormalizer ForString(string pattern, string content) => new(pattern, null, content);

    public static ReplaceNormalizer ForRegex(string pattern, string content) =>
        new(null, new Regex(pattern, RegexOptions.CultureInvariant), content);

    public string Normalize(string text)
    {
        if (_literal is not null) return _literal.Length == 0 ? text : text.Replace(_literal, _content, StringComparison.Ordinal);
        return _regex!.Replace(text, _content.Replace("$", "$$", StringComparison.Ordinal));
    }
}
