namespace RobustFT.Cluster.Runs;

/// <summary>Where the waves are in the run's input: samples start in input order, so every sample before the cursor was
/// sent <c>StartSample</c>, in this run actor's life or before it (the samples the read model showed when the cursor was
/// made). A re-drive makes a new cursor from the read model, so a start that was lost is sent again.</summary>
public sealed class InputCursor(IReadOnlyList<string> inputOrder, IReadOnlySet<string> startedBefore)
{
    private int _next;

    /// <summary>The next samples to start, at most <paramref name="room"/>; the cursor moves past them.</summary>
    public IReadOnlyList<string> Take(int room)
    {
        var taken = new List<string>();
        while (taken.Count < room && _next < inputOrder.Count)
        {
            var id = inputOrder[_next++];
            if (!startedBefore.Contains(id)) taken.Add(id);
        }
        return taken;
    }
}
