namespace RobustFT.Cluster.Contracts;

/// <summary>Embed a sample's question for retrieval.</summary>
public sealed record EmbedRequest(string RequestId, string RunId, string SampleId, string Text) : IInferenceRequest;
