using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The heartbeat every started node writes to the nodes table, and what it reports about the node's work.</summary>
public sealed class NodeHeartbeatTests
{
    [Fact]
    public async Task A_started_node_keeps_a_row_with_its_identity_and_fresh_heartbeats_and_removes_it_when_disposed()
    {
        var roles = NodeRoles.Sample | NodeRoles.Gpu;
        await using var cluster = await CoordinationCluster.StartAsync(roles, driveSubmittedRuns: false, leaseTtl: TimeSpan.FromSeconds(30));
        var registry = new NodeRegistry(new SqliteConnectionFactory(Path.Combine(cluster.Directory, "robustft.db")));

        var first = Assert.Single(await registry.ListAsync());
        Assert.Equal((cluster.NodeId, roles, Environment.MachineName, Environment.ProcessId, "cpu"),
            (first.NodeId, first.Roles, first.Host, first.ProcessId, first.ExecutionProvider));
        Assert.Equal(cluster.Node.Identity.StartedAt.ToUnixTimeMilliseconds(), first.StartedAt.ToUnixTimeMilliseconds());
        var later = await CoordinationCluster.WaitForAsync(
            async () => Assert.Single(await registry.ListAsync()), n => n.HeartbeatAt > first.HeartbeatAt, "a later heartbeat");
        Assert.Equal(first.StartedAt, later.StartedAt);

        await cluster.Node.DisposeAsync();

        Assert.Empty(await registry.ListAsync());
    }

    [Fact]
    public async Task Heartbeats_report_requests_held_while_a_run_is_paused_and_none_in_flight_once_it_ended()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3));
        var runId = await cluster.SubmitAsync(paused: true);

        var held = await CoordinationCluster.WaitForAsync(() => MineAsync(cluster), n => n?.Stats.QueueDepth > 0, "requests held in flight");
        Assert.Equal(cluster.Metrics.InFlight > 0, held!.Stats.QueueDepth > 0);

        await cluster.ResumeAsync(runId);
        await cluster.WaitForRunAsync(runId, r => r.Ended);
        var idle = await CoordinationCluster.WaitForAsync(() => MineAsync(cluster), n => n?.Stats.QueueDepth == 0, "nothing in flight");

        Assert.Equal(0, cluster.Metrics.InFlight);
        Assert.True(idle!.Stats.Requests > 0, $"stats after the run: {idle.Stats}");
        Assert.True(idle.Stats.Tokens > 0, $"stats after the run: {idle.Stats}");
        Assert.True(idle.Stats.AverageBatchFill > 0, $"stats after the run: {idle.Stats}");
    }

    private static async Task<NodeRecord?> MineAsync(CoordinationCluster cluster) =>
        (await cluster.Registry.ListAsync()).SingleOrDefault(n => n.NodeId == cluster.NodeId);
}
