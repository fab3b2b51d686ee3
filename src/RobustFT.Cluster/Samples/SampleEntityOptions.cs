namespace RobustFT.Cluster.Samples;

/// <summary>Sample entity settings (config <c>robustft.cluster.request-timeout</c>, <c>robustft.cluster.persist-retry-after</c>,
/// <c>robustft.cluster.waiting-entities-per-node</c>).</summary>
/// <param name="RequestTimeout">A request without a result for this long is sent again (same id, same cache key).</param>
/// <param name="PersistRetryAfter">An entity whose journal write failed stops; after this long its shard gets the
/// message again (or a StartSample, when its recovery failed), and a new incarnation recovers and goes on.</param>
/// <param name="WaitingPerNode">Entities waiting at a barrier that a node keeps in memory (so the barrier's release
/// needs no recovery); a waiting entity beyond it passivates. 0: every waiting entity passivates.</param>
public sealed record SampleEntityOptions(TimeSpan RequestTimeout, TimeSpan PersistRetryAfter, int WaitingPerNode);
