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

    /// <summary>The next samples waiting at the first barrier to release: of <paramref name="awaitingIndex"/> (by id),
    /// those not sent IndexReady yet, at most the free room.</summary>
    public static IReadOnlyList<string> ToRelease(IEnumerable<string> awaitingIndex, PendingSamples pending, int room) =>
        room <= 0 ? [] : awaitingIndex.Where(id => !pending.Contains(id)).Take(room).ToList();
}
