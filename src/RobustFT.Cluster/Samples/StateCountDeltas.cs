namespace RobustFT.Cluster.Samples;

/// <summary>How a batch of changed sample records moves the run's counts per state: each record leaves its previous
/// state (if it had a row) and enters its new one; states whose count does not change are left out.</summary>
public static class StateCountDeltas
{
    public static IReadOnlyList<(string State, long Delta)> Of(IReadOnlyDictionary<string, string> previousStates, IEnumerable<SampleRecord> changed)
    {
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in changed)
        {
            if (previousStates.TryGetValue(record.SampleId, out var before))
                deltas[before] = deltas.GetValueOrDefault(before) - 1;
            deltas[record.CurrentState] = deltas.GetValueOrDefault(record.CurrentState) + 1;
        }
        return deltas.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Value)).ToList();
    }
}
