using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>One result per request, in order, and how many came from the cache.</summary>
public sealed record CachedGeneratorResult(IReadOnlyList<GenerationResult> Results, int CacheHits);
