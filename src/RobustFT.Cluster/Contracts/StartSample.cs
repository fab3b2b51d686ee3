namespace RobustFT.Cluster.Contracts;

/// <summary>Starts a sample's entity or, when it has started before, makes it re-send the request of its current state
/// (the coordinator's waves and re-drives). Safe to repeat.</summary>
public sealed record StartSample(string RunId, string SampleId) : ISampleCommand;
