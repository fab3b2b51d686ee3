namespace RobustFT.Dashboard.Api;

/// <summary>A sample that ended in Faulted, with the reason its step gave.</summary>
public sealed record FaultedSample(string SampleId, string? Reason);
