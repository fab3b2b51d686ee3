using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Nodes;

/// <summary>One node as its last heartbeat left it in the store.</summary>
public sealed record NodeRecord(
    string NodeId,
    NodeRoles Roles,
    string Host,
    int ProcessId,
    string ExecutionProvider,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    NodeStats Stats)
{
    /// <summary>Whether the node missed its heartbeats for longer than <paramref name="staleAfter"/>.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) => now - HeartbeatAt > staleAfter;
}
