using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>When the run's global barriers may fire, decided from per-state counts alone.</summary>
public static class BarrierDecision
{
    /// <summary>First barrier: every ingested sample has started (is in the read model) and none is still detecting,
    /// reasoning, checking or embedding.</summary>
    public static bool IndexReady(int total, IReadOnlyDictionary<string, int> states) =>
        states.Values.Sum() >= total && SampleStates.BeforeIndex.All(s => states.GetValueOrDefault(s) == 0);

    /// <summary>Second barrier: additionally none is waiting for or going through retrieval, relabeling or review.</summary>
    public static bool SelectionReady(int total, IReadOnlyDictionary<string, int> states) =>
        IndexReady(total, states) && SampleStates.BeforeSelection.All(s => states.GetValueOrDefault(s) == 0);

    /// <summary>Every sample is in a terminal state.</summary>
    public static bool Finished(int total, IReadOnlyDictionary<string, int> states) =>
        SampleStates.Terminal.Sum(s => states.GetValueOrDefault(s)) >= total;
}
