using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>Samples the run actor sent a message to (<c>StartSample</c> or <c>IndexReady</c>) whose effect the read model
/// does not show yet: each is remembered with the state it had when the message left (null: not started). They count
/// as live in the waves until the projection shows them in another state.</summary>
public sealed class PendingSamples
{
    private readonly Dictionary<string, string?> _sent = new(StringComparer.Ordinal);

    public int Count => _sent.Count;

    public bool Contains(string sampleId) => _sent.ContainsKey(sampleId);

    public void Add(string sampleId, string? stateWhenSent) => _sent[sampleId] = stateWhenSent;

    /// <summary>Forgets the samples whose state in <paramref name="states"/> differs from the one they had when sent.</summary>
    public void Settle(IReadOnlyDictionary<string, string> states)
    {
        foreach (var (id, sentIn) in _sent.ToList())
            if (states.TryGetValue(id, out var now) && now != sentIn) _sent.Remove(id);
    }

    public void Clear() => _sent.Clear();
}
