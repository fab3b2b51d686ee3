namespace RobustFT.Cluster.Runs;

/// <summary>Coordinator timing (config <c>robustft.coordinator.*</c>).</summary>
/// <param name="PollInterval">How often the per-state counts are read from the store.</param>
/// <param name="RedriveAfter">With no progress for this long, working samples are re-driven (their step's request
/// re-sent; the inference cache makes that cheap and idempotent).</param>
public sealed record CoordinatorOptions(TimeSpan PollInterval, TimeSpan RedriveAfter)
{
    public static CoordinatorOptions Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(60));
}
