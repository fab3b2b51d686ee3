namespace RobustFT.Cluster.Samples.Events;

/// <summary>The question's embedding (or the encoder's error) was accepted.</summary>
public sealed record EmbeddingRecorded(float[] Vector, string? Error) : ISampleEvent;
