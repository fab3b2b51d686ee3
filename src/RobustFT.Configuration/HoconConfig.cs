using RobustFT.Configuration.Model;
using RobustFT.Configuration.Parsing;
using RobustFT.Configuration.Resolution;

namespace RobustFT.Configuration;

/// <summary>
/// Entry points: parse (unresolved) → <see cref="Merge(HoconObject, HoconObject)"/> layers → <see cref="Resolve"/>,
/// like Typesafe Config's <c>withFallback</c> + <c>resolve</c>; or <see cref="Load"/> for one file.
/// </summary>
public static class HoconConfig
{
    /// <summary>Parses HOCON text without resolving substitutions. Includes are relative to <paramref name="baseDirectory"/>
    /// (the current directory when null).</summary>
    /// <exception cref="HoconParseException">malformed text or a missing required include.</exception>
    public static HoconObject Parse(string text, string? sourceName = null, string? baseDirectory = null) =>
        HoconParser.ParseDocument(text, sourceName ?? "<text>", new HoconIncluder(baseDirectory ?? string.Empty, []));

    /// <summary>Parses a file and its includes (relative to the file) without resolving substitutions.</summary>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    public static HoconObject ParseFile(string path) =>
        File.Exists(path)
            ? HoconIncluder.ParseFile(path, [], null)
            : throw new FileNotFoundException($"HOCON file '{path}' not found", path);

    /// <summary>Parses a file with its includes and resolves its substitutions.</summary>
    public static HoconObject Load(string path) => Resolve(ParseFile(path));

    /// <summary>Layers <paramref name="overrides"/> over <paramref name="fallback"/> with duplicate-key semantics
    /// (objects merge, other values replace, <c>${path}</c> self-references see the fallback's value).</summary>
    public static HoconObject Merge(HoconObject fallback, HoconObject overrides) =>
        HoconMerger.MergeObjects(fallback, overrides, HoconPath.Empty);

    /// <summary>Merges layers in order, each later one overriding the earlier ones.</summary>
    public static HoconObject Merge(IEnumerable<HoconObject> layers) =>
        layers.Aggregate(HoconObject.Empty(HoconOrigin.None), Merge);

    /// <summary>Resolves every substitution against the tree itself, then environment variables.</summary>
    /// <exception cref="HoconResolveException">a required substitution with no value, or a cycle.</exception>
    public static HoconObject Resolve(HoconObject root) => HoconResolver.Resolve(root);

    /// <summary>As <see cref="Resolve(HoconObject)"/> with a custom environment lookup (for tests and sandboxes).</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) => HoconResolver.Resolve(root, environment);
}
