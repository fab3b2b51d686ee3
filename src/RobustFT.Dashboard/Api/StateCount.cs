namespace RobustFT.Dashboard.Api;

/// <summary>Samples of a run in one state of the per-sample state machine.</summary>
/// <param name="Kind">working, waiting (a barrier) or terminal.</param>
public sealed record StateCount(string State, string Kind, int Count);
