using System.Globalization;
using System.Text;

namespace RobustFT.Configuration.Parsing;

/// <summary>Character rules and JSON-style string escaping shared by the lexer, paths and the renderer.</summary>
internal static class HoconText
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    public static bool IsForbiddenInUnquoted(char c) => Forbidden.Contains(c);

    /// <summary>Whitespace other than newline: the spec's list is Unicode space, line and paragraph separators, tab,
    /// vertical tab, form feed, carriage return and the file, group, record and unit separators (U+001C–U+001F, which
    /// .NET's <see cref="char.IsWhiteSpace(char)"/> leaves out); the BOM counts too.</summary>
    public static bool IsInlineWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c is '\uFEFF' or >= '\u001C' and <= '\u001F');

    /// <summary>Reads a JSON quoted string starting at <paramref name="i"/> (on the opening quote); returns null and an error on failure.</summary>
    public static string? ReadQuoted(string text, ref int i, out string error)
    {
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                error = string.Empty;
                return sb.ToString();
            }

            if (c == '\n')
            {
                error = "newline in quoted string (use \"\"\" for multi-line strings)";
                return null;
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    break;
                }

                var e = text[i + 1];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (i + 6 <= text.Length
                            && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            sb.Append((char)code);
                            i += 4;
                            break;
                        }

                        error = "invalid \\u escape in quoted string";
                        return null;
                    default:
                        error = $"invalid escape '\\{e}' in quoted string";
                        return null;
                }

                i += 2;
                continue;
            }

            sb.Append(c);
            i++;
        }

        error = "unterminated quoted string";
        return null;
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
