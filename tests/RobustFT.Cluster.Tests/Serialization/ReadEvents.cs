namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>Asks an <see cref="EventLog"/> for its events (recovered and persisted since), as an <c>IReadOnlyList&lt;object&gt;</c>.</summary>
public sealed record ReadEvents
{
    public static ReadEvents Instance { get; } = new();
}
