namespace RobustFT.Cluster.Contracts;

/// <summary>Second barrier: the coordinator ranked every relabeled sample by entropy; this one's rank and verdict.</summary>
public sealed record SelectionDecided(string RunId, string SampleId, int Rank, bool Selected, double Threshold) : ISampleCommand;
