using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Runs;

/// <summary>Samples the run actor sent a message to (<c>StartSample</c>, <c>IndexReady</c> or <c>SelectionDecided</c>)
/// whose effect the read model does not show yet: each is remembered with the message, the state the sample had when
/// it left (null: not started) and when it left. They count as live in the waves until the projection shows them in
/// another state; a message whose sample has not moved for <see cref="CoordinatorOptions.ResendAfter"/> was lost (an
/// entity stopped by a failed journal write or recovery) and is sent again — every such message is idempotent.</summary>
public sealed class PendingSamples
{
    private readonly Dictionary<string, (ISampleCommand Message, string? State, DateTime SentAt)> _sent = new(StringComparer.Ordinal);

    public int Count => _sent.Count;

    /// <summary>A copy of the ids, for the read-model query that settles them.</summary>
    public IReadOnlyCollection<string> Ids => _sent.Keys.ToList();

    public bool Contains(string sampleId) => _sent.ContainsKey(sampleId);

    public void Add(ISampleCommand message, string? stateWhenSent, DateTime sentAt) =>
        _sent[message.SampleId] = (message, stateWhenSent, sentAt);

    /// <summary>Forgets the samples whose state in <paramref name="states"/> differs from the one they had when sent.</summary>
    public void Settle(IReadOnlyDictionary<string, string> states)
    {
        foreach (var (id, sent) in _sent.ToList())
            if (states.TryGetValue(id, out var now) && now != sent.State) _sent.Remove(id);
    }

    /// <summary>At most <paramref name="max"/> messages sent longer than <paramref name="after"/> before
    /// <paramref name="now"/> whose sample has not moved, oldest first; each counts as sent again at <paramref name="now"/>.</summary>
    public IReadOnlyList<ISampleCommand> Overdue(DateTime now, TimeSpan after, int max)
    {
        var overdue = _sent.Values.Where(s => now - s.SentAt >= after).OrderBy(s => s.SentAt).Take(Math.Max(max, 0))
            .Select(s => s.Message).ToList();
        foreach (var message in overdue) _sent[message.SampleId] = _sent[message.SampleId] with { SentAt = now };
        return overdue;
    }

    public void Clear() => _sent.Clear();
}
