namespace RobustFT.Cluster.Serialization;

/// <summary>One type's stable wire name. <paramref name="Instance"/>: the type is a singleton message without data
/// (written as no bytes, read back as this instance).</summary>
public sealed record ManifestEntry(string Manifest, Type Type, object? Instance = null);
