namespace RobustFT.Cluster.Runs.Messages;

/// <summary>What the run actor read in one look: the runs row, the read model's per-state counts, the state of every
/// started sample (only while samples are being started or released), the input order of the run's samples, and its
/// running segment (opened by the first look, touched by every later one).</summary>
internal sealed record RunObservation(
    RunRecord Run,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, string> States,
    IReadOnlyList<string> InputOrder,
    string SegmentId);
