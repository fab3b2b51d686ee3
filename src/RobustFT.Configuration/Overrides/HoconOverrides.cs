using RobustFT.Configuration.Model;
using RobustFT.Configuration.Parsing;
using RobustFT.Configuration.Resolution;

namespace RobustFT.Configuration.Overrides;

/// <summary>
/// Command-line overrides: each <c>key=value</c> sets a path (<c>robustft.method.beta</c>) to a HOCON value
/// (<c>0.3</c>, <c>[gpu,sample]</c>, <c>"quoted string"</c>, <c>${?ENV}</c>; an unquoted value with <c>//</c>, <c>#</c> or
/// <c>:</c> is a plain string, so <c>url=http://127.0.0.1:8080</c> works); later settings win.
/// </summary>
public static class HoconOverrides
{
    /// <exception cref="ArgumentException">a setting without '=' or with an invalid key.</exception>
    /// <exception cref="HoconParseException">a value that is not valid HOCON.</exception>
    public static HoconObject Parse(IEnumerable<string> sets)
    {
        var origin = new HoconOrigin("--set", 0, 0);
        var result = HoconObject.Empty(origin);
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new ArgumentException($"invalid --set '{set}': expected key=value", nameof(sets));
            }

            HoconPath path;
            try
            {
                path = HoconPath.Parse(set[..equals]);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"invalid --set '{set}': {ex.Message}", nameof(sets), ex);
            }

            var text = set[(equals + 1)..];
            var source = $"--set {set[..equals].Trim()}";
            HoconValue value = string.IsNullOrWhiteSpace(text) || IsPlainString(text)
                ? new HoconString(text, new HoconOrigin(source, 1, 1))
                : HoconParser.ParseSingleValue(text, source);
            for (var i = path.Segments.Count - 1; i >= 0; i--)
            {
                value = new HoconObject([KeyValuePair.Create(path.Segments[i], value)], origin);
            }

            result = HoconMerger.MergeObjects(result, (HoconObject)value, HoconPath.Empty);
        }

        return result;
    }

    /// <summary>
    /// An unquoted value that HOCON would cut at a comment (<c>http://host:8080</c>, <c>a#b</c>) or reject for a colon
    /// is taken literally, as a shell user means it; quoted values, arrays, objects and substitutions parse as HOCON.
    /// </summary>
    private static bool IsPlainString(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is '"' or '[' or '{' or '$') return false;
        return trimmed.Contains("//", StringComparison.Ordinal) || trimmed.Contains('#') || trimmed.Contains(':');
    }
}
