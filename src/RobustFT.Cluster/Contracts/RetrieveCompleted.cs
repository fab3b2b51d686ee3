namespace RobustFT.Cluster.Contracts;

/// <summary>The retrieved clean neighbours, most similar first.</summary>
public sealed record RetrieveCompleted(Guid CorrelationId, string[] NeighbourIds, string? Error);
