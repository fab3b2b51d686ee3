namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>Asks <see cref="InsertRaceConsumer"/> to insert <paramref name="CorrelationId"/> from two repository contexts at once.</summary>
public sealed record InsertRace(Guid CorrelationId);
