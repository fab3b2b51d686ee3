namespace RobustFT.Cluster.Runs;

/// <summary>Coordinator timing and waves (config <c>robustft.coordinator.*</c>).</summary>
/// <param name="PollInterval">How often a run actor reads the projection's counts and acts on them.</param>
/// <param name="RedriveAfter">With no progress for this long, working samples are re-driven (their step's request
/// re-sent; the inference cache makes that cheap and idempotent).</param>
/// <param name="MaxLiveSamples">Samples started and not yet waiting at a barrier or finished: the coordinator feeds the
/// rest in waves, so a sample node's memory stays bounded on any run size.</param>
/// <param name="ReleasePerLook">At most this many messages to samples per look of a run actor (StartSample of a wave or
/// a re-drive, IndexReady, SelectionDecided): a barrier releases its waiting samples in steps, so the passivated
/// entities' recoveries and journal writes come in steps too instead of thousands at once.</param>
/// <param name="ResendAfter">A message to a sample (StartSample of a wave, IndexReady, SelectionDecided) whose sample has
/// not moved for this long is sent again: its entity stopped before persisting (a failed journal write or recovery).
/// Per sample, unlike <paramref name="RedriveAfter"/>, which needs the whole run to stand still.</param>
public sealed record CoordinatorOptions(TimeSpan PollInterval, TimeSpan RedriveAfter, int MaxLiveSamples, int ReleasePerLook, TimeSpan ResendAfter);
