namespace RobustFT.Cluster.Runs.Messages;

/// <summary>What the run actor read in one look: the runs row, the read model's per-state counts, the states of the
/// samples in flight, and what the current phase needs: every started sample's state with the input order (to place
/// the waves' cursor after a start or a re-drive), or the first samples awaiting the index (to release them). The
/// running segment is opened by the first look and touched by every later one.</summary>
internal sealed record RunObservation(
    RunRecord Run,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, string> PendingStates,
    IReadOnlyDictionary<string, string>? AllStates,
    IReadOnlyList<string>? InputOrder,
    IReadOnlyList<string> AwaitingIndex,
    string SegmentId);
