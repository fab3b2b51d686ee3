using System.Globalization;

namespace RobustFT.Bench;

/// <summary>The <c>--name value</c> arguments of a bench command.</summary>
public sealed class BenchArguments(IReadOnlyList<string> args)
{
    /// <summary>The value after the first <paramref name="name"/>; null when it is not given.</summary>
    public string? Value(string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
            if (args[i] == name) return args[i + 1];
        return null;
    }

    /// <summary>Every value given after <paramref name="name"/> (a repeatable option).</summary>
    public IReadOnlyList<string> Values(string name) =>
        Enumerable.Range(0, Math.Max(0, args.Count - 1)).Where(i => args[i] == name).Select(i => args[i + 1]).ToList();

    public bool Flag(string name) => args.Contains(name);

    /// <summary>A whole number of at least <paramref name="minimum"/>, or <paramref name="fallback"/> when not given.</summary>
    /// <exception cref="ArgumentException">not a whole number, or below the minimum.</exception>
    public int Count(string name, int fallback, int minimum = 0) => Value(name) is { } v
        ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum ? n
            : throw new ArgumentException($"{name}: '{v}' is not a {(minimum > 0 ? "positive " : "")}count")
        : fallback;
}
