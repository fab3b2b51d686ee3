using System.Text;
using RobustFT.Configuration.Parsing;

namespace RobustFT.Configuration.Model;

/// <summary>A path of keys such as <c>robustft.method.beta</c>; quoted segments (<c>"a.b".c</c>) keep their dots.</summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    public HoconPath(IEnumerable<string> segments) => Segments = segments.ToArray();

    public static HoconPath Empty { get; } = new([]);

    public IReadOnlyList<string> Segments { get; }

    public bool IsEmpty => Segments.Count == 0;

    public string Last => Segments.Count > 0 ? Segments[^1] : throw new InvalidOperationException("the empty path has no last segment");

    /// <summary>Parses a path expression: unquoted parts split on '.', quoted parts taken literally.</summary>
    /// <exception cref="FormatException">empty expression or empty segment.</exception>
    public static HoconPath Parse(string expression)
    {
        var text = expression.Trim();
        var segments = new List<string>();
        var current = new StringBuilder();
        var started = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                current.Append(HoconText.ReadQuoted(text, ref i, out var error)
                    ?? throw new FormatException($"invalid path expression '{expression}': {error}"));
                started = true;
                continue;
            }

            if (c == '.')
            {
                if (!started)
                {
                    throw new FormatException($"invalid path expression '{expression}': empty segment");
                }

                segments.Add(current.ToString());
                current.Clear();
                started = false;
            }
            else
            {
                current.Append(c);
                started = true;
            }

            i++;
        }

        if (!started)
        {
            throw new FormatException(text.Length == 0
                ? "invalid path expression: it is empty"
                : $"invalid path expression '{expression}': empty segment");
        }

        segments.Add(current.ToString());
        return new HoconPath(segments);
    }

    public HoconPath Append(string segment) => new(Segments.Append(segment));

    public HoconPath Append(HoconPath other) => new(Segments.Concat(other.Segments));

    public bool StartsWith(HoconPath prefix) =>
        prefix.Segments.Count <= Segments.Count && prefix.Segments.SequenceEqual(Segments.Take(prefix.Segments.Count), StringComparer.Ordinal);

    public HoconPath Skip(int count) => new(Segments.Skip(count));

    public bool Equals(HoconPath? other) =>
        other is not null && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is HoconPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Renders the path, quoting segments that need it (so <see cref="Parse"/> gives the same path back).</summary>
    public override string ToString() => string.Join('.', Segments.Select(RenderSegment));

    private static string RenderSegment(string segment) =>
        segment.Length == 0 || segment.Any(c => c == '.' || char.IsWhiteSpace(c) || HoconText.IsForbiddenInUnquoted(c))
            ? HoconText.Quote(segment)
            : segment;
}
