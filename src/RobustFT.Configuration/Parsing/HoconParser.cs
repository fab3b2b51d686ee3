using System.Text;
using System.Text.RegularExpressions;
using RobustFT.Configuration.Model;
using RobustFT.Configuration.Resolution;

namespace RobustFT.Configuration.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved <see cref="HoconValue"/> tree. Duplicate keys are merged as
/// they are read; includes are read relative to <c>baseDirectory</c> through <see cref="HoconIncluder"/>.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly IReadOnlyList<HoconToken> _tokens;
    private readonly HoconIncluder _includer;
    private int _index;

    private HoconParser(IReadOnlyList<HoconToken> tokens, HoconIncluder includer)
    {
        _tokens = tokens;
        _includer = includer;
    }

    /// <summary>Parses a whole document; the root must be an object (its braces are optional).</summary>
    public static HoconObject ParseDocument(string text, string source, HoconIncluder includer)
    {
        var parser = new HoconParser(HoconLexer.Tokenize(text, source), includer);
        return parser.Document();
    }

    /// <summary>Parses text holding exactly one value (used by <c>--set key=value</c>).</summary>
    public static HoconValue ParseSingleValue(string text, string source)
    {
        var parser = new HoconParser(HoconLexer.Tokenize(text, source), HoconIncluder.Disabled);
        parser.SkipWhitespaceAndNewlines();
        var value = parser.Value(null, "value");
        parser.SkipWhitespaceAndNewlines();
        parser.Expect(HoconTokenKind.End, "expected end of value");
        return value;
    }

    private HoconToken Peek => _tokens[_index];

    private HoconToken Next() => _tokens[_index++];

    private HoconObject Document()
    {
        SkipWhitespaceAndNewlines();
        HoconObject root;
        if (Peek.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(Peek, "the root of a HOCON document must be an object, not an array");
        }

        if (Peek.Kind == HoconTokenKind.OpenBrace)
        {
            root = BracedObject(HoconPath.Empty);
            SkipWhitespaceAndNewlines();
            Expect(HoconTokenKind.End, "expected end of input after the root object");
        }
        else
        {
            root = ObjectBody(HoconPath.Empty, Peek.Origin, HoconTokenKind.End);
        }

        return root;
    }

    private HoconObject BracedObject(HoconPath? prefix)
    {
        var open = Next();
        var obj = ObjectBody(prefix, open.Origin, HoconTokenKind.CloseBrace);
        Next();
        return obj;
    }

    /// <summary>Fields up to <paramref name="closing"/> (not consumed). A null prefix means "inside an array".</summary>
    private HoconObject ObjectBody(HoconPath? prefix, HoconOrigin origin, HoconTokenKind closing)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        var basePath = prefix ?? HoconPath.Empty;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            if (Peek.Kind == closing)
            {
                break;
            }

            if (Peek.Kind == HoconTokenKind.End)
            {
                throw Error(Peek, $"unexpected end of input: expected '}}' to close the object opened at {origin.Line}:{origin.Column}");
            }

            if (Peek.Kind == HoconTokenKind.Unquoted && Peek.Text == "include" && IsIncludeAhead())
            {
                Include(fields, basePath);
            }
            else
            {
                Field(fields, basePath);
            }

            var sawNewline = SkipWhitespaceAndNewlines();
            if (Peek.Kind == HoconTokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind != closing && !sawNewline)
            {
                throw Error(Peek, Peek.Kind == HoconTokenKind.End
                    ? "unexpected end of input: expected '}'"
                    : $"expected ',' or a newline between fields, found {Peek.Describe()}");
            }
        }

        return new HoconObject(fields, origin);
    }

    private void Field(OrderedDictionary<string, HoconValue> fields, HoconPath basePath)
    {
        var keyStart = Peek;
        var (key, keyText) = Key();
        var fullPath = basePath.Append(key);
        // The spec lets newlines (and so whole comment lines) stand between a key and its ':', '=', '+=' or '{'; the key
        // itself is a path expression and never spans a newline.
        var crossedNewline = SkipWhitespaceAndNewlines();
        var separator = Peek;
        HoconValue value;
        switch (separator.Kind)
        {
            case HoconTokenKind.Equals or HoconTokenKind.Colon:
                Next();
                SkipWhitespaceAndNewlines();
                value = Value(fullPath, keyText);
                break;
            case HoconTokenKind.OpenBrace:
                value = Value(fullPath, keyText);
                break;
            case HoconTokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                var appended = Value(fullPath, keyText);
                value = new HoconConcatenation(
                    [new HoconSubstitution(fullPath, optional: true, separator.Origin), new HoconArray([appended], appended.Origin)],
                    separator.Origin);
                break;
            default:
                throw crossedNewline
                    ? Error(keyStart, $"key '{keyText}' has no '=', ':' or '{{' (found {separator.Describe()} on a later line)")
                    : Error(separator, $"expected '=', ':' or '{{' after key '{keyText}'");
        }

        // a.b.c = v  is  a { b { c = v } }
        for (var i = key.Segments.Count - 1; i > 0; i--)
        {
            value = new HoconObject([KeyValuePair.Create(key.Segments[i], value)], keyStart.Origin);
        }

        HoconMerger.MergeField(fields, key.Segments[0], value, basePath.Append(key.Segments[0]));
    }

    private (HoconPath Path, string Text) Key()
    {
        var parts = new List<HoconToken>();
        while (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.QuotedString or HoconTokenKind.Whitespace)
        {
            parts.Add(Next());
        }

        while (parts.Count > 0 && parts[^1].Kind == HoconTokenKind.Whitespace)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        if (parts.Count == 0)
        {
            throw Error(Peek, Peek.Kind == HoconTokenKind.Substitution
                ? "substitutions are not allowed in keys"
                : $"expected a key, found {Peek.Describe()}");
        }

        var text = string.Concat(parts.Select(p => p.Kind == HoconTokenKind.QuotedString ? HoconText.Quote(p.Text) : p.Text));
        var segments = new List<string>();
        var current = new StringBuilder();
        var started = false;
        foreach (var part in parts)
        {
            if (part.Kind != HoconTokenKind.Unquoted)
            {
                current.Append(part.Text);
                started = true;
                continue;
            }

            foreach (var c in part.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    started = true;
                    continue;
                }

                if (!started)
                {
                    throw Error(part, $"empty path segment in key '{text}'");
                }

                segments.Add(current.ToString());
                current.Clear();
                started = false;
            }
        }

        if (!started)
        {
            throw Error(parts[^1], $"key '{text}' ends with '.'");
        }

        segments.Add(current.ToString());
        return (new HoconPath(segments), text);
    }

    /// <summary>A value concatenation up to a newline, ',', '}', ']' or end of input.</summary>
    private HoconValue Value(HoconPath? path, string keyText)
    {
        var parts = new List<HoconValue>();
        var unquoted = new List<bool>();
        HoconToken? pendingWhitespace = null;
        while (true)
        {
            var token = Peek;
            if (token.Kind == HoconTokenKind.Whitespace)
            {
                Next();
                pendingWhitespace = token;
                continue;
            }

            if (ValuePart(path) is not { } part)
            {
                break;
            }

            if (pendingWhitespace is not null && parts.Count > 0)
            {
                parts.Add(HoconString.Whitespace(pendingWhitespace.Text, pendingWhitespace.Origin));
                unquoted.Add(false);
            }

            pendingWhitespace = null;
            parts.Add(part);
            unquoted.Add(token.Kind == HoconTokenKind.Unquoted);
        }

        if (parts.Count == 0)
        {
            throw Error(Peek, $"expected a value for '{keyText}', found {Peek.Describe()}");
        }

        if (parts.Count == 1)
        {
            return unquoted[0] ? Classify((HoconString)parts[0]) : parts[0];
        }

        if (parts.All(p => p is HoconString))
        {
            return new HoconString(string.Concat(parts.Cast<HoconString>().Select(s => s.Value)), parts[0].Origin);
        }

        return new HoconConcatenation(parts, parts[0].Origin);
    }

    /// <summary>One value token (string, substitution, object or array), or null at anything else.</summary>
    private HoconValue? ValuePart(HoconPath? path)
    {
        var token = Peek;
        return token.Kind switch
        {
            HoconTokenKind.QuotedString or HoconTokenKind.Unquoted => new HoconString(Next().Text, token.Origin),
            HoconTokenKind.Substitution => new HoconSubstitution(Next().Path!, token.Optional, token.Origin),
            HoconTokenKind.OpenBrace => BracedObject(path),
            HoconTokenKind.OpenBracket => Array(),
            _ => null,
        };
    }

    private HoconArray Array()
    {
        var open = Next();
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            if (Peek.Kind == HoconTokenKind.CloseBracket)
            {
                break;
            }

            if (Peek.Kind == HoconTokenKind.End)
            {
                throw Error(Peek, $"unexpected end of input: expected ']' to close the array opened at {open.Origin.Line}:{open.Origin.Column}");
            }

            items.Add(Value(null, "array element"));
            var sawNewline = SkipWhitespaceAndNewlines();
            if (Peek.Kind == HoconTokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind != HoconTokenKind.CloseBracket && !sawNewline)
            {
                throw Error(Peek, $"expected ',' or ']' in array, found {Peek.Describe()}");
            }
        }

        Next();
        return new HoconArray(items, open.Origin);
    }

    private bool IsIncludeAhead()
    {
        var i = _index + 1;
        while (_tokens[i].Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            i++;
        }

        return _tokens[i].Kind == HoconTokenKind.QuotedString
            || (_tokens[i].Kind == HoconTokenKind.Unquoted && _tokens[i].Text.EndsWith('('));
    }

    private void Include(OrderedDictionary<string, HoconValue> fields, HoconPath basePath)
    {
        var includeToken = Next();
        SkipWhitespaceAndNewlines();
        var required = false;
        var closers = 0;
        if (Peek.Kind == HoconTokenKind.Unquoted)
        {
            // required( file( "x" ) ) may be split by whitespace into several tokens: join them.
            var opener = Peek;
            var text = new StringBuilder();
            while (Peek.Kind == HoconTokenKind.Unquoted)
            {
                text.Append(Next().Text);
                SkipWhitespace();
            }

            switch (text.ToString())
            {
                case "file(":
                    closers = 1;
                    break;
                case "required(":
                    required = true;
                    closers = 1;
                    break;
                case "required(file(":
                    required = true;
                    closers = 2;
                    break;
                case "url(" or "classpath(" or "required(url(" or "required(classpath(":
                    throw Error(opener, $"include {text.ToString().TrimEnd('(')}(...) is not supported; use file(...)");
                default:
                    throw Error(opener, $"expected a quoted file name after 'include', found '{text}'");
            }
        }

        if (Peek.Kind != HoconTokenKind.QuotedString)
        {
            throw Error(Peek, $"expected a quoted file name after 'include', found {Peek.Describe()}");
        }

        var name = Next();
        var closing = new StringBuilder();
        while (closing.Length < closers)
        {
            SkipWhitespace();
            if (Peek.Kind != HoconTokenKind.Unquoted || Peek.Text.Any(c => c != ')'))
            {
                throw Error(Peek, "expected ')' to close the include");
            }

            closing.Append(Next().Text);
        }

        if (closing.Length != closers)
        {
            throw Error(includeToken, "unbalanced parentheses in include");
        }

        var included = _includer.Include(name.Text, required, name.Origin);
        foreach (var (key, value) in included.Fields)
        {
            var path = basePath.Append(key);
            HoconMerger.MergeField(fields, key, HoconMerger.Relocate(value, basePath), path);
        }
    }

    private static HoconValue Classify(HoconString s) => s.Value switch
    {
        "true" => new HoconBoolean(true, s.Origin),
        "false" => new HoconBoolean(false, s.Origin),
        "null" => new HoconNull(s.Origin),
        var text when NumberSyntax().IsMatch(text) => new HoconNumber(text, s.Origin),
        _ => s,
    };

    private void SkipWhitespace()
    {
        while (Peek.Kind == HoconTokenKind.Whitespace)
        {
            Next();
        }
    }

    private bool SkipWhitespaceAndNewlines()
    {
        var sawNewline = false;
        while (Peek.Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            sawNewline |= Next().Kind == HoconTokenKind.Newline;
        }

        return sawNewline;
    }

    private void Expect(HoconTokenKind kind, string message)
    {
        if (Peek.Kind != kind)
        {
            throw Error(Peek, $"{message}, found {Peek.Describe()}");
        }
    }

    private static HoconParseException Error(HoconToken at, string reason) => new(at.Origin, reason);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex NumberSyntax();
}
