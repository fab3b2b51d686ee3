namespace RobustFT.Cluster.Samples.Events;

/// <summary>The coordinator's verdict of the global entropy ranking was accepted.</summary>
public sealed record SelectionRecorded(int Rank, bool Selected, double Threshold) : ISampleEvent;
