using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Parsing;

/// <summary>
/// Reads included files relative to the directory of the including file. A missing file is an empty object unless the
/// include is <c>required(...)</c>; a name without extension tries <c>.json</c> then <c>.conf</c> (both merged, .conf last).
/// </summary>
internal sealed class HoconIncluder
{
    private readonly string? _baseDirectory;
    private readonly IReadOnlyList<string> _stack;

    public HoconIncluder(string? baseDirectory, IReadOnlyList<string> stack)
    {
        _baseDirectory = baseDirectory;
        _stack = stack;
    }

    /// <summary>For text that must not include anything (command-line overrides).</summary>
    public static HoconIncluder Disabled { get; } = new(null, ["<disabled>"]);

    /// <summary>Parses a file (unresolved), following its includes.</summary>
    public static HoconObject ParseFile(string path, IReadOnlyList<string> stack, HoconOrigin? includedFrom)
    {
        var full = Path.GetFullPath(path);
        if (stack.Contains(full, StringComparer.Ordinal))
        {
            var chain = string.Join(" -> ", stack.Append(full).Select(Path.GetFileName));
            throw new HoconParseException(includedFrom ?? HoconOrigin.None, $"include cycle: {chain}");
        }

        var text = File.ReadAllText(full);
        var includer = new HoconIncluder(Path.GetDirectoryName(path) ?? string.Empty, [.. stack, full]);
        return HoconParser.ParseDocument(text, path, includer);
    }

    public HoconObject Include(string name, bool required, HoconOrigin origin)
    {
        if (ReferenceEquals(this, Disabled))
        {
            throw new HoconParseException(origin, "include is not allowed here");
        }

        var path = Path.IsPathRooted(name) ? name : Path.Combine(_baseDirectory ?? string.Empty, name);
        var candidates = Path.HasExtension(name) ? [path] : new[] { path + ".json", path + ".conf", path };
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count > 1 && !Path.HasExtension(name))
        {
            found.Remove(path);
        }

        if (found.Count == 0)
        {
            return required
                ? throw new HoconParseException(origin, $"required include '{name}' not found (looked for {string.Join(", ", candidates.Distinct())})")
                : HoconObject.Empty(origin);
        }

        var merged = ParseFile(found[0], _stack, origin);
        foreach (var next in found.Skip(1))
        {
            merged = Resolution.HoconMerger.MergeObjects(merged, ParseFile(next, _stack, origin), HoconPath.Empty);
        }

        return merged;
    }
}
