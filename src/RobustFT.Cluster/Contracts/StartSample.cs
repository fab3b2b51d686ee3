namespace RobustFT.Cluster.Contracts;

/// <summary>Creates a sample's saga, or — when it exists — re-sends the request of its current step (resume kick).</summary>
public sealed record StartSample(Guid CorrelationId, string RunId, string SampleId);
