namespace RobustFT.Cluster.Contracts;

/// <summary>First barrier: every sample is checked, the clean set is final; a noisy sample may retrieve now.</summary>
public sealed record IndexReady(string RunId, string SampleId) : ISampleCommand;
