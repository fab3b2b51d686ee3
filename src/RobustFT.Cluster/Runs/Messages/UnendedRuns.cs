namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The coordinator's poll: runs submitted and not ended (<see cref="RunStore.ListUnendedAsync"/>).</summary>
internal sealed record UnendedRuns(IReadOnlyList<string> RunIds);
