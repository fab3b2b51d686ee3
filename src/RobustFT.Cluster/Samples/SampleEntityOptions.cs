namespace RobustFT.Cluster.Samples;

/// <summary>Sample entity settings (config <c>robustft.cluster.request-timeout</c>).</summary>
/// <param name="RequestTimeout">A request without a result for this long is sent again (same id, same cache key).</param>
public sealed record SampleEntityOptions(TimeSpan RequestTimeout);
