namespace RobustFT.Cluster.Contracts;

/// <summary>The retrieved clean neighbours, most similar first.</summary>
public sealed record RetrieveCompleted(string RunId, string SampleId, string[] NeighbourIds, string? Error) : ISampleCommand;
