namespace RobustFT.Cluster.Runs;

/// <summary>Inference work of a run: model calls made, results reused from the cache, tokens generated.</summary>
public sealed record InferenceTotals(long Calls, long CacheHits, long Tokens);
