namespace RobustFT.Cluster.Contracts;

/// <summary>The L2-normalised embedding of a sample's question, or the reason it failed.</summary>
public sealed record EmbedCompleted(string RequestId, string RunId, string SampleId, float[] Vector, bool FromCache, string? Error)
    : ISampleCommand, IInferenceResult;
