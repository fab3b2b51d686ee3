namespace RobustFT.Cluster.Runs;

/// <summary>Coordinator timing (config <c>robustft.coordinator.*</c>).</summary>
/// <param name="PollInterval">How often the per-state counts are read from the store.</param>
/// <param name="RedriveAfter">With no progress for this long, working samples are re-driven (their step's request
/// re-sent; the inference cache makes that cheap and idempotent).</param>
/// <param name="LeaseTtl">How long a coordinator's claim on a run lasts without renewal (renewed every third of it); the
/// longest a run waits for another coordinator after its coordinator's node dies.</param>
public sealed record CoordinatorOptions(TimeSpan PollInterval, TimeSpan RedriveAfter, TimeSpan LeaseTtl);
