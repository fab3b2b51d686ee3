using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>The coordinator's waves: a sample is live from the moment it is sent its step's message until it waits at a
/// barrier or ends; at most <see cref="CoordinatorOptions.MaxLiveSamples"/> are live, so a sample node's memory stays
/// bounded on any run size. Pure: decides from the read model's states and the messages in flight.</summary>
public static class SampleWaves
{
    /// <summary>Samples in working states plus those sent a message the read model does not show yet.</summary>
    public static int Live(IReadOnlyDictionary<string, int> counts, PendingSamples pending) =>
        SampleStates.Working.Sum(s => counts.GetValueOrDefault(s)) + pending.Count;

    /// <summary>The next input samples to start, in input order: not started, not in flight, at most the free room.</summary>
    public static IReadOnlyList<string> ToStart(IEnumerable<string> inputOrder, IReadOnlyDictionary<string, string> states,
        PendingSamples pending, int room) =>
        room <= 0 ? [] : inputOrder.Where(id => !states.ContainsKey(id) && !pending.Contains(id)).Take(room).ToList();

    /// <summary>The next samples waiting at the first barrier to release, by sample id, at most the free room.</summary>
    public static IReadOnlyList<string> ToRelease(IReadOnlyDictionary<string, string> states, PendingSamples pending, int room) =>
        room <= 0
            ? []
            : states.Where(kv => kv.Value == SampleStates.AwaitingIndex && !pending.Contains(kv.Key))
                .Select(kv => kv.Key).Order(StringComparer.Ordinal).Take(room).ToList();

    /// <summary>Samples whose request is outstanding (re-driven after a restart or a stall), by sample id.</summary>
    public static IReadOnlyList<string> Working(IReadOnlyDictionary<string, string> states) =>
        states.Where(kv => SampleStates.Working.Contains(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
}
