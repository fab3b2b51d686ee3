using System.Text;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Resolution;

/// <summary>
/// Resolves substitutions against the whole (merged) tree, falling back to environment variables. A lookup walks only
/// the path it needs, so an object may refer to fields of itself; true cycles raise <see cref="HoconResolveException"/>.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconValue, HoconValue?> _done = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null)
    {
        if (root.IsResolved)
        {
            return root;
        }

        var resolver = new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable);
        return (HoconObject)resolver.ResolveValue(root, HoconPath.Empty)!;
    }

    /// <summary>The resolved value, or null when it is undefined (an optional substitution with nothing behind it).</summary>
    private HoconValue? ResolveValue(HoconValue value, HoconPath? path)
    {
        if (value.IsResolved)
        {
            return value;
        }

        if (_done.TryGetValue(value, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(value))
        {
            var chain = string.Join(" -> ", _chain.Select(s => s.ToString()));
            var at = _chain.Count > 0 ? _chain[^1].Origin : value.Origin;
            throw new HoconResolveException(at, $"substitution cycle: {chain}");
        }

        HoconValue? result;
        try
        {
            result = value switch
            {
                HoconObject obj => ResolveObject(obj, path),
                HoconArray array => new HoconArray(
                    array.Items.Select(i => ResolveValue(i, null)).OfType<HoconValue>(), array.Origin),
                HoconSubstitution substitution => ResolveSubstitution(substitution, path),
                HoconConcatenation concatenation => ResolveConcatenation(concatenation, path),
                HoconDelayedMerge merge => ResolveMerge(merge, path),
                _ => throw new InvalidOperationException($"unknown HOCON node {value.GetType().Name}"),
            };
        }
        finally
        {
            _inProgress.Remove(value);
        }

        _done[value] = result;
        return result;
    }

    private HoconObject ResolveObject(HoconObject obj, HoconPath? path)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var (key, child) in obj.Fields)
        {
            if (ResolveValue(child, path?.Append(key)) is { } resolved)
            {
                fields.Add(KeyValuePair.Create(key, resolved));
            }
        }

        return new HoconObject(fields, obj.Origin);
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution, HoconPath? path)
    {
        _chain.Add(substitution);
        try
        {
            // ${path} inside the value of path itself, with no earlier value to refer to, is not looked up in the tree.
            var selfReference = path is not null && substitution.Path.Equals(path);
            if (!selfReference)
            {
                if (Lookup(substitution.Path) is { } found)
                {
                    return found;
                }

                if (substitution.FallbackPath is { } fallback && Lookup(fallback) is { } fallbackFound)
                {
                    return fallbackFound;
                }
            }

            var variable = (substitution.FallbackPath ?? substitution.Path).ToString();
            if (_environment(variable) is { } env)
            {
                return new HoconString(env, substitution.Origin);
            }

            if (substitution.Optional)
            {
                return null;
            }

            var where = path is null ? "an array element" : $"'{path}'";
            throw new HoconResolveException(
                substitution.Origin,
                $"could not resolve substitution {substitution} referenced by {where}: no such path in the configuration and no environment variable '{variable}'");
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>The resolved value at an absolute path, resolving only what lies on the way.</summary>
    private HoconValue? Lookup(HoconPath target)
    {
        HoconValue current = _root;
        var walked = HoconPath.Empty;
        foreach (var segment in target.Segments)
        {
            if (current is not HoconObject && !current.IsResolved)
            {
                current = ResolveValue(current, walked)!;
            }

            if (current is not HoconObject obj || !obj.TryGetValue(segment, out var child))
            {
                return null;
            }

            current = child;
            walked = walked.Append(segment);
        }

        return ResolveValue(current, target);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation, HoconPath? path)
    {
        var resolved = concatenation.Parts
            .Select(p => (Part: p, Value: p is HoconString { IsWhitespace: true } ? p : ResolveValue(p, path)))
            .ToList();
        var values = resolved.Where(r => r.Part is not HoconString { IsWhitespace: true }).ToList();
        if (values.All(v => v.Value is null))
        {
            return null;
        }

        var defined = values.Where(v => v.Value is not null).Select(v => v.Value!).ToList();
        if (defined.Any(v => v is HoconObject))
        {
            var bad = defined.FirstOrDefault(v => v is not HoconObject);
            if (bad is not null)
            {
                throw Mismatch(bad, "object", path);
            }

            return defined.Cast<HoconObject>().Aggregate((a, b) => MergeResolved(a, b));
        }

        if (defined.Any(v => v is HoconArray))
        {
            var bad = defined.FirstOrDefault(v => v is not HoconArray);
            if (bad is not null)
            {
                throw Mismatch(bad, "array", path);
            }

            return new HoconArray(defined.Cast<HoconArray>().SelectMany(a => a.Items), concatenation.Origin);
        }

        // String concatenation: null and undefined optional substitutions become "", whitespace is kept.
        var sb = new StringBuilder();
        foreach (var (_, value) in resolved)
        {
            sb.Append(value?.GetString() ?? string.Empty);
        }

        return new HoconString(sb.ToString(), concatenation.Origin);
    }

    private HoconValue? ResolveMerge(HoconDelayedMerge merge, HoconPath? path)
    {
        HoconValue? result = null;
        foreach (var item in merge.Stack)
        {
            var value = ResolveValue(item, path);
            if (value is null)
            {
                continue;
            }

            result = result is HoconObject earlier && value is HoconObject later ? MergeResolved(earlier, later) : value;
        }

        return result;
    }

    private static HoconObject MergeResolved(HoconObject fallback, HoconObject overrides)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, value) in fallback.Fields)
        {
            fields[key] = value;
        }

        foreach (var (key, value) in overrides.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var existing) && existing is HoconObject a && value is HoconObject b
                ? MergeResolved(a, b)
                : value;
        }

        return new HoconObject(fields, fallback.Origin);
    }

    private static HoconResolveException Mismatch(HoconValue bad, string expected, HoconPath? path) =>
        new(bad.Origin, $"cannot concatenate {bad.KindName} with {expected} in the value of {(path is null ? "an array element" : $"'{path}'")}");
}
