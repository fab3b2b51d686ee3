using Akka.Actor;
using Akka.Cluster;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>This node's view of the cluster: the members from Akka's cluster state (roles, status, reachability, which
/// one holds the coordinator singleton: the oldest member with the coordinator role) and the GPU workers as an
/// inference dispatcher knows them (this node's own, else the one on the first sample member).</summary>
public sealed class AkkaClusterView(ActorSystem system, TimeSpan askTimeout) : IClusterView
{
    public const string DispatcherName = "inference-dispatcher";

    public async Task<ClusterSnapshot> GetAsync(CancellationToken ct)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var coordinator = state.Members
            .Where(m => m.HasRole(RoleNames.Coordinator) && m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
            .Aggregate((Member?)null, (oldest, m) => oldest is null || m.IsOlderThan(oldest) ? m : oldest);
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMember(m.Address.ToString(), m.Roles.Order(StringComparer.Ordinal).ToList(), m.Status.ToString(),
                !unreachable.Contains(m.Address), coordinator is not null && m.Address == coordinator.Address))
            .ToList();
        return new ClusterSnapshot(members, await WorkersAsync(cluster, state, ct));
    }

    private async Task<IReadOnlyList<WorkerStatus>> WorkersAsync(Akka.Cluster.Cluster cluster, ClusterEvent.CurrentClusterState state, CancellationToken ct)
    {
        var dispatcherNode = cluster.SelfMember.HasRole(RoleNames.Sample) ? cluster.SelfAddress
            : state.Members.Where(m => m.HasRole(RoleNames.Sample) && m.Status == MemberStatus.Up).Select(m => m.Address).FirstOrDefault();
        if (dispatcherNode is null) return [];
        try
        {
            return await system.ActorSelection(new RootActorPath(dispatcherNode) / "user" / DispatcherName)
                .Ask<IReadOnlyList<WorkerStatus>>(GetWorkers.Instance, askTimeout, ct);
        }
        catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return [];
        }
    }
}
