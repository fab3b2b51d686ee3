using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Parsing;

/// <summary>A lexical token; <see cref="Text"/> is the unescaped value for strings, the raw text otherwise.</summary>
internal sealed record HoconToken(HoconTokenKind Kind, string Text, HoconOrigin Origin, HoconPath? Path = null, bool Optional = false)
{
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "newline",
        HoconTokenKind.QuotedString => $"string \"{Text}\"",
        HoconTokenKind.Substitution => "substitution",
        _ => $"'{Text}'",
    };
}
