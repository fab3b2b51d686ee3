using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Runs.Events;

/// <summary>Persisted by the run actor at the second barrier: the entropy threshold of the global ranking
/// (+∞ when nothing was relabeled, as <see cref="RobustFT.Core.Method.EntropySelector"/> returns it).</summary>
public sealed record ThresholdDecided(double Threshold) : IRobustFtMessage;
