using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Contracts;

/// <summary>Find the k clean samples most similar to a noisy one (the node's retriever, after the first barrier).</summary>
public sealed record RetrieveRequest(string RunId, string SampleId, float[] Vector, int K) : IRobustFtMessage;
