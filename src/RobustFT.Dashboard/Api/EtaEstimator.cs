namespace RobustFT.Dashboard.Api;

/// <summary>Seconds left to a run's end from its finished fraction and recent throughput.</summary>
public static class EtaEstimator
{
    /// <summary>Remaining samples over the mean of the recent non-zero sample rates; falls back to the average rate since
    /// the run started. Null while nothing has finished (not estimable); 0 when everything has.</summary>
    public static double? Estimate(int finished, int total, IReadOnlyList<ThroughputPoint> recent, TimeSpan sinceStart)
    {
        if (total <= 0) return null;
        var remaining = total - finished;
        if (remaining <= 0) return 0;
        if (finished <= 0) return null;
        var rates = recent.Select(p => p.SamplesPerSecond).Where(r => r > 0).ToList();
        var rate = rates.Count > 0 ? rates.Average() : sinceStart.TotalSeconds > 0 ? finished / sinceStart.TotalSeconds : 0;
        return rate > 0 ? remaining / rate : null;
    }
}
