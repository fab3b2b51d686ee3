namespace RobustFT.Cluster.Samples.Events;

/// <summary>The first barrier reached this noisy sample: it retrieves now.</summary>
public sealed record IndexReleased : ISampleEvent;
