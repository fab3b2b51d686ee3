using RobustFT.Core.Method;

namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The global entropy ranking over every relabeled sample, and the samples still waiting for their verdict;
/// null result when the run does not select (ablation).</summary>
internal sealed record SelectionRanked(SelectionResult? Result, IReadOnlyList<string> Waiting);
