namespace RobustFT.Cluster.Samples.Events;

/// <summary>The retriever's k nearest clean samples (or its error) were accepted.</summary>
public sealed record NeighboursRecorded(string[] NeighbourIds, string? Error) : ISampleEvent;
