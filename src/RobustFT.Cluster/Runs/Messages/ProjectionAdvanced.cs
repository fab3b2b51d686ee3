namespace RobustFT.Cluster.Runs.Messages;

/// <summary>From <see cref="SampleProjection"/> to its run actor: a batch of the run's sample events landed in the read
/// model, up to journal offset <paramref name="Offset"/>; the run actor looks at the counts now instead of at its next
/// tick.</summary>
public sealed record ProjectionAdvanced(long Offset);
