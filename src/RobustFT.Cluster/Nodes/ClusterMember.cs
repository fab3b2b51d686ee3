namespace RobustFT.Cluster.Nodes;

/// <summary>A member of the Akka.NET cluster as the node that reports it sees it.</summary>
/// <param name="Address">akka.tcp://robustft@host:port</param>
/// <param name="Status">Akka's member status: Joining, Up, Leaving, Exiting, Down, Removed, WeaklyUp.</param>
/// <param name="Reachable">False while the failure detector marks it unreachable.</param>
/// <param name="Coordinator">Whether it hosts the coordinator singleton (the oldest member with the coordinator role).</param>
public sealed record ClusterMember(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Coordinator);
