namespace RobustFT.Cluster.Hosting;

/// <summary>How a node joins the Akka.NET cluster (config <c>robustft.cluster.*</c>).</summary>
/// <param name="Hostname">Address the node binds.</param>
/// <param name="PublicHostname">Address the other nodes use (empty: <paramref name="Hostname"/>).</param>
/// <param name="Port">0: a free port picked at start (a node cannot seed itself with port 0).</param>
/// <param name="SeedNodes">"host:port" of the seed nodes; empty: the node forms a cluster of its own.</param>
/// <param name="Shards">Shards of the sample entities.</param>
/// <param name="StableAfter">Split Brain Resolver (keep-majority) stable-after.</param>
public sealed record ClusterFormation(string Hostname, string PublicHostname, int Port, IReadOnlyList<string> SeedNodes, int Shards, TimeSpan StableAfter);
