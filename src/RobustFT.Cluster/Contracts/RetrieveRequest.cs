namespace RobustFT.Cluster.Contracts;

/// <summary>Find the k clean samples most similar to a noisy one.</summary>
public sealed record RetrieveRequest(Guid CorrelationId, string RunId, string SampleId, float[] Vector, int K);
