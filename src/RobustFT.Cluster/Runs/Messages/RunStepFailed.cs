namespace RobustFT.Cluster.Runs.Messages;

/// <summary>A step of the run actor threw. <paramref name="Fatal"/>: the run fails (ranking, export); otherwise the step
/// is retried at the next tick (a read or a mirror write that the database refused).</summary>
internal sealed record RunStepFailed(Exception Error, bool Fatal);
