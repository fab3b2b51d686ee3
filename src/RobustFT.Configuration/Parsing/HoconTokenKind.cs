namespace RobustFT.Configuration.Parsing;

internal enum HoconTokenKind
{
    Whitespace,
    Newline,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    Unquoted,
    Substitution,
    End,
}
