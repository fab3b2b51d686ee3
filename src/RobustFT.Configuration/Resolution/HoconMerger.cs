using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Resolution;

/// <summary>
/// Duplicate-key semantics shared by parsing, includes and <see cref="HoconConfig.Merge(HoconObject, HoconObject)"/>:
/// objects merge, other values replace, and a self-reference (<c>path = ${path} ":/x"</c>) in the new value points at
/// the value it replaces. Merges that depend on substitutions wait for resolution as a <see cref="HoconDelayedMerge"/>.
/// </summary>
internal static class HoconMerger
{
    public static HoconObject MergeObjects(HoconObject fallback, HoconObject overrides, HoconPath path)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, value) in fallback.Fields)
        {
            fields[key] = value;
        }

        foreach (var (key, value) in overrides.Fields)
        {
            MergeField(fields, key, value, path.Append(key));
        }

        return new HoconObject(fields, fallback.Origin);
    }

    public static void MergeField(OrderedDictionary<string, HoconValue> fields, string key, HoconValue value, HoconPath path) =>
        fields[key] = fields.TryGetValue(key, out var existing) ? MergeValues(existing, value, path) : value;

    public static HoconValue MergeValues(HoconValue existing, HoconValue value, HoconPath path)
    {
        if (value is HoconObject newObject)
        {
            return existing switch
            {
                HoconObject oldObject => MergeObjects(oldObject, newObject, path),
                _ when IsPending(existing) => Delay(existing, newObject),
                _ => newObject,
            };
        }

        var replaced = ReplaceSelfReferences(value, path, existing);
        return IsPending(replaced) ? Delay(existing, replaced) : replaced;
    }

    /// <summary>Moves substitutions of an included file under the include location (keeping the original path as fallback).</summary>
    public static HoconValue Relocate(HoconValue value, HoconPath prefix) => prefix.IsEmpty ? value : value switch
    {
        HoconSubstitution s => new HoconSubstitution(prefix.Append(s.Path), s.Optional, s.Origin, s.FallbackPath ?? s.Path),
        HoconObject o when !o.IsResolved => new HoconObject(
            o.Fields.Select(f => KeyValuePair.Create(f.Key, Relocate(f.Value, prefix))), o.Origin),
        HoconArray a when !a.IsResolved => new HoconArray(a.Items.Select(i => Relocate(i, prefix)), a.Origin),
        HoconConcatenation c => new HoconConcatenation(c.Parts.Select(p => Relocate(p, prefix)), c.Origin),
        HoconDelayedMerge d => new HoconDelayedMerge(d.Stack.Select(p => Relocate(p, prefix)), d.Origin),
        _ => value,
    };

    private static bool IsPending(HoconValue value) => value is HoconSubstitution or HoconConcatenation or HoconDelayedMerge;

    private static HoconDelayedMerge Delay(HoconValue existing, HoconValue value)
    {
        var stack = existing is HoconDelayedMerge earlier ? earlier.Stack.ToList() : [existing];
        stack.Add(value);
        return new HoconDelayedMerge(stack, value.Origin);
    }

    private static HoconValue ReplaceSelfReferences(HoconValue value, HoconPath path, HoconValue previous) => value switch
    {
        HoconSubstitution s when s.Path.Equals(path) => previous,
        HoconSubstitution s when s.Path.StartsWith(path) && previous is HoconObject o && o.Find(s.Path.Skip(path.Segments.Count)) is { } inner => inner,
        HoconConcatenation c => new HoconConcatenation(c.Parts.Select(p => ReplaceSelfReferences(p, path, previous)), c.Origin),
        HoconArray a when !a.IsResolved => new HoconArray(a.Items.Select(i => ReplaceSelfReferences(i, path, previous)), a.Origin),
        HoconDelayedMerge d => new HoconDelayedMerge(d.Stack.Select(p => ReplaceSelfReferences(p, path, previous)), d.Origin),
        _ => value,
    };
}
