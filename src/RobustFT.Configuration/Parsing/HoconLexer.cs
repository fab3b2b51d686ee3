using System.Text;
using System.Text.RegularExpressions;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Parsing;

/// <summary>Turns HOCON text into tokens; comments are dropped (the newline ending them is kept).</summary>
internal sealed partial class HoconLexer
{
    private readonly string _text;
    private readonly string _source;
    private readonly List<HoconToken> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private HoconLexer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static IReadOnlyList<HoconToken> Tokenize(string text, string source)
    {
        var lexer = new HoconLexer(text, source);
        lexer.Run();
        return lexer._tokens;
    }

    private HoconOrigin Here => new(_source, _line, _column);

    private void Run()
    {
        while (_pos < _text.Length)
        {
            var start = Here;
            var c = _text[_pos];
            if (c == '\n')
            {
                Advance(1);
                Add(HoconTokenKind.Newline, "\n", start);
            }
            else if (HoconText.IsInlineWhitespace(c))
            {
                var from = _pos;
                while (_pos < _text.Length && HoconText.IsInlineWhitespace(_text[_pos]))
                {
                    Advance(1);
                }

                Add(HoconTokenKind.Whitespace, _text[from.._pos], start);
            }
            else if (c == '#' || StartsWith("//"))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance(1);
                }
            }
            else if (SingleCharKind(c) is { } kind)
            {
                Advance(1);
                Add(kind, c.ToString(), start);
            }
            else if (c == '+')
            {
                if (!StartsWith("+="))
                {
                    throw Error(start, "'+' is not allowed in an unquoted string (quote it, or use '+=' to append)");
                }

                Advance(2);
                Add(HoconTokenKind.PlusEquals, "+=", start);
            }
            else if (StartsWith("\"\"\""))
            {
                ReadTripleQuoted(start);
            }
            else if (c == '"')
            {
                var i = _pos;
                var value = HoconText.ReadQuoted(_text, ref i, out var error);
                if (value is null)
                {
                    Advance(i - _pos);
                    throw Error(Here, error);
                }

                Advance(i - _pos);
                Add(HoconTokenKind.QuotedString, value, start);
            }
            else if (StartsWith("${"))
            {
                ReadSubstitution(start);
            }
            else if (HoconText.IsForbiddenInUnquoted(c))
            {
                throw Error(start, $"reserved character '{c}' is not allowed in an unquoted string; put the text in quotes");
            }
            else
            {
                ReadUnquoted(start);
            }
        }

        _tokens.Add(new HoconToken(HoconTokenKind.End, string.Empty, Here));
    }

    private static HoconTokenKind? SingleCharKind(char c) => c switch
    {
        ',' => HoconTokenKind.Comma,
        ':' => HoconTokenKind.Colon,
        '=' => HoconTokenKind.Equals,
        '{' => HoconTokenKind.OpenBrace,
        '}' => HoconTokenKind.CloseBrace,
        '[' => HoconTokenKind.OpenBracket,
        ']' => HoconTokenKind.CloseBracket,
        _ => null,
    };

    private void ReadTripleQuoted(HoconOrigin start)
    {
        var contentStart = _pos + 3;
        var close = _text.IndexOf("\"\"\"", contentStart, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(start, "unterminated triple-quoted string");
        }

        // Quotes beyond the closing three belong to the string: """a""""" is a"".
        var end = close + 3;
        while (end < _text.Length && _text[end] == '"')
        {
            end++;
        }

        var value = _text[contentStart..(end - 3)];
        Advance(end - _pos);
        Add(HoconTokenKind.QuotedString, value, start);
    }

    private void ReadSubstitution(HoconOrigin start)
    {
        var i = _pos + 2;
        var optional = i < _text.Length && _text[i] == '?';
        if (optional)
        {
            i++;
        }

        var inner = new StringBuilder();
        while (true)
        {
            if (i >= _text.Length || _text[i] == '\n')
            {
                throw Error(start, "unterminated substitution: expected '}'");
            }

            var c = _text[i];
            if (c == '}')
            {
                break;
            }

            if (c == '"')
            {
                var from = i;
                if (HoconText.ReadQuoted(_text, ref i, out var error) is null)
                {
                    throw Error(start, error);
                }

                inner.Append(_text, from, i - from);
                continue;
            }

            if (c != '.' && !HoconText.IsInlineWhitespace(c) && HoconText.IsForbiddenInUnquoted(c))
            {
                throw Error(start, $"character '{c}' is not allowed in a substitution path");
            }

            inner.Append(c);
            i++;
        }

        HoconPath path;
        try
        {
            path = HoconPath.Parse(inner.ToString());
        }
        catch (FormatException ex)
        {
            throw Error(start, $"bad substitution: {ex.Message}");
        }

        var raw = _text[_pos..(i + 1)];
        Advance(i + 1 - _pos);
        _tokens.Add(new HoconToken(HoconTokenKind.Substitution, raw, start, path, optional));
    }

    private void ReadUnquoted(HoconOrigin start)
    {
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '+' && sb.Length > 0 && ExponentPrefix().IsMatch(sb.ToString()))
            {
                sb.Append(c);
                Advance(1);
                continue;
            }

            if (HoconText.IsInlineWhitespace(c) || c == '\n' || HoconText.IsForbiddenInUnquoted(c) || StartsWith("//"))
            {
                break;
            }

            sb.Append(c);
            Advance(1);
        }

        Add(HoconTokenKind.Unquoted, sb.ToString(), start);
    }

    private bool StartsWith(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void Advance(int count)
    {
        for (var k = 0; k < count && _pos < _text.Length; k++)
        {
            if (_text[_pos] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _pos++;
        }
    }

    private void Add(HoconTokenKind kind, string text, HoconOrigin origin) => _tokens.Add(new HoconToken(kind, text, origin));

    private static HoconParseException Error(HoconOrigin origin, string reason) => new(origin, reason);

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?[eE]$")]
    private static partial Regex ExponentPrefix();
}
