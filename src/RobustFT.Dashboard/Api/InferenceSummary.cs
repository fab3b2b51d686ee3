namespace RobustFT.Dashboard.Api;

/// <summary>The run's inference journal summed: model calls, cache hits, tokens generated.</summary>
public sealed record InferenceSummary(long Calls, long CacheHits, long Tokens);
