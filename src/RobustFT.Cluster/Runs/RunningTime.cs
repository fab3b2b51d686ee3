namespace RobustFT.Cluster.Runs;

/// <summary>The length of the union of a run's running segments (pure; the store reads the segments).</summary>
public static class RunningTime
{
    public static TimeSpan Union(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> segments)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? openStart = null, openEnd = null;
        foreach (var (start, end) in segments.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            if (openEnd is { } e && start <= e)
            {
                if (end > e) openEnd = end;
                continue;
            }
            if (openStart is { } s0) total += openEnd!.Value - s0;
            (openStart, openEnd) = (start, end);
        }
        if (openStart is { } last) total += openEnd!.Value - last;
        return total;
    }
}
