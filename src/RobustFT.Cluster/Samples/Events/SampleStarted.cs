namespace RobustFT.Cluster.Samples.Events;

/// <summary>The first event of every sample: it exists and starts detecting.</summary>
public sealed record SampleStarted(string RunId, string SampleId) : ISampleEvent;
