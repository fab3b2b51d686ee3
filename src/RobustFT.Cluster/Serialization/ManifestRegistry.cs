using System.Runtime.Serialization;

namespace RobustFT.Cluster.Serialization;

/// <summary>Manifest ↔ type, both ways: the manifest is a short name that stays when a type moves namespace or
/// assembly, so the journal and the other nodes never see CLR type names.</summary>
public sealed class ManifestRegistry
{
    private readonly Dictionary<Type, ManifestEntry> _byType = [];
    private readonly Dictionary<string, ManifestEntry> _byManifest = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">a manifest or a type appears twice, or a singleton instance is not of its type.</exception>
    public ManifestRegistry(IEnumerable<ManifestEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Manifest)) throw new ArgumentException($"{entry.Type} has an empty manifest");
            if (entry.Instance is not null && entry.Instance.GetType() != entry.Type)
                throw new ArgumentException($"manifest '{entry.Manifest}': the instance is a {entry.Instance.GetType()}, not a {entry.Type}");
            if (!_byManifest.TryAdd(entry.Manifest, entry))
                throw new ArgumentException($"manifest '{entry.Manifest}' is given to both {_byManifest[entry.Manifest].Type} and {entry.Type}");
            if (!_byType.TryAdd(entry.Type, entry))
                throw new ArgumentException($"{entry.Type} has two manifests: '{_byType[entry.Type].Manifest}' and '{entry.Manifest}'");
        }
    }

    public IReadOnlyCollection<ManifestEntry> Entries => _byManifest.Values;

    public bool Contains(Type type) => _byType.ContainsKey(type);

    /// <exception cref="SerializationException">the type has no manifest.</exception>
    public ManifestEntry ForType(Type type) => _byType.TryGetValue(type, out var entry)
        ? entry
        : throw new SerializationException(
            $"{type.FullName} is bound to {nameof(RobustFtSerializer)} but has no manifest: add it to {nameof(RobustFtManifests)}");

    /// <exception cref="SerializationException">the manifest is unknown (written by a newer version, or a removed type).</exception>
    public ManifestEntry ForManifest(string manifest) => _byManifest.TryGetValue(manifest, out var entry)
        ? entry
        : throw new SerializationException(
            $"unknown manifest '{manifest}' for {nameof(RobustFtSerializer)}: no type of this version is registered under it ({nameof(RobustFtManifests)})");
}
