namespace RobustFT.Dashboard.Api;

/// <summary>One member of the Akka.NET cluster in <c>GET /api/nodes</c>, as the answering node sees it.</summary>
/// <param name="Address">akka.tcp://robustft@host:port</param>
/// <param name="Roles">Cluster roles: coordinator, sample, gpu, dashboard.</param>
/// <param name="Status">Akka's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed.</param>
/// <param name="Reachable">False while the failure detector marks the member unreachable.</param>
/// <param name="Coordinator">The member holds the coordinator singleton.</param>
/// <param name="Workers">GPU workers on this member.</param>
public sealed record NodeSummary(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Coordinator, int Workers);
