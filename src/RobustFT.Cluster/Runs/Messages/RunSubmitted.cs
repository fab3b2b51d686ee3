namespace RobustFT.Cluster.Runs.Messages;

/// <summary>To the coordinator, from its own process (<see cref="RunSignals.Submitted"/>): a run was submitted here;
/// list the unended runs now.</summary>
internal sealed record RunSubmitted(string RunId);
