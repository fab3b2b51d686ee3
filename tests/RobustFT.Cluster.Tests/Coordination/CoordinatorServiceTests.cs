using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Reports;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>
/// <see cref="CoordinatorService"/> in-process: a node with the Sample and Gpu roles moves the samples; coordinators
/// (the node's own, or services with other node ids beside it) find submitted runs, hold their leases while driving
/// them, release them at the end, and take over a run whose coordinator stopped.
/// </summary>
public sealed class CoordinatorServiceTests
{
    private static readonly TimeSpan LongTtl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_coordinator_node_drives_a_submitted_run_to_completion_holding_its_lease_and_releases_it_at_the_end()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3));
        var coordinator = cluster.Node.Services.GetRequiredService<CoordinatorService>();
        var runId = await cluster.SubmitAsync(paused: true);

        var owner = await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is not null, "the run's lease taken");
        Assert.Equal(cluster.NodeId, owner);
        Assert.Equal([runId], coordinator.Driving);

        await cluster.ResumeAsync(runId);
        var ended = await cluster.WaitForRunAsync(runId, r => r.Ended);

        Assert.Equal(RunPhase.Completed, ended.Phase);
        Assert.True(File.Exists(Path.Combine(cluster.OutputDirectory(runId), RunReport.FileName)));
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is null, "the lease released");
        Assert.Equal(0, await LeaseRowsAsync(cluster, runId));
        Assert.DoesNotContain(runId, await cluster.Store.ListUnendedAsync());
    }

    [Fact]
    public async Task Disposing_a_coordinator_node_mid_run_releases_its_lease_and_removes_its_node_row_leaving_the_run_unended()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3));
        var runId = await cluster.SubmitAsync(paused: true);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == cluster.NodeId, "the node taking the run");
        var outside = new SqliteConnectionFactory(Path.Combine(cluster.Directory, "robustft.db"));

        await cluster.Node.DisposeAsync();

        Assert.Null(await new RunLeases(outside).OwnerAsync(runId));
        Assert.Empty(await new NodeRegistry(outside).ListAsync());
        var store = new RunStore(outside);
        Assert.False((await store.GetAsync(runId))!.Ended);
        Assert.Equal([runId], await store.ListUnendedAsync());
    }

    [Fact]
    public async Task A_run_left_unended_by_a_stopped_node_is_resumed_and_completed_by_the_next_coordinator_node()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3));
        var runId = await cluster.SubmitAsync(paused: true);
        var first = cluster.NodeId;
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == first, "the first node taking the run");

        await cluster.RestartNodeAsync();
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == cluster.NodeId, "the new node taking the run");
        await cluster.ResumeAsync(runId);
        var ended = await cluster.WaitForRunAsync(runId, r => r.Ended);

        Assert.NotEqual(first, cluster.NodeId);
        Assert.Equal(RunPhase.Completed, ended.Phase);
        Assert.Equal([cluster.NodeId], (await cluster.Registry.ListAsync()).Select(n => n.NodeId));
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is null, "the new node releasing the lease");
    }

    [Fact]
    public async Task A_second_coordinator_waits_while_the_first_holds_the_lease_and_takes_the_run_as_soon_as_the_first_stops()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Sample | NodeRoles.Gpu, driveSubmittedRuns: false, leaseTtl: LongTtl);
        var runId = await cluster.SubmitAsync(paused: true);
        var (idA, idB) = (TestDatabase.UniqueId("coord-a"), TestDatabase.UniqueId("coord-b"));
        var a = await cluster.AddCoordinatorAsync(idA, LongTtl);
        var b = await cluster.AddCoordinatorAsync(idB, LongTtl);

        await a.StartAsync(CancellationToken.None);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == idA, "coordinator A taking the run");
        await b.TickAsync(CancellationToken.None);
        Assert.Empty(b.Driving);
        Assert.Equal(idA, await cluster.Leases.OwnerAsync(runId));

        await a.DisposeAsync();
        Assert.Null(await cluster.Leases.OwnerAsync(runId));
        Assert.False((await cluster.Store.GetAsync(runId))!.Ended);

        await b.TickAsync(CancellationToken.None);
        Assert.Equal([runId], b.Driving);
        Assert.Equal(idB, await cluster.Leases.OwnerAsync(runId));

        await cluster.ResumeAsync(runId);
        var ended = await cluster.WaitForRunAsync(runId, r => r.Ended);
        Assert.Equal(RunPhase.Completed, ended.Phase);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is null, "coordinator B releasing the lease");
    }

    [Fact]
    public async Task A_coordinator_that_stops_renewing_loses_the_run_to_another_which_finishes_it()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Sample | NodeRoles.Gpu, driveSubmittedRuns: false, leaseTtl: LongTtl);
        var runId = await cluster.SubmitAsync(paused: true);
        var (idA, idB) = (TestDatabase.UniqueId("coord-a"), TestDatabase.UniqueId("coord-b"));
        var a = await cluster.AddCoordinatorAsync(idA, TimeSpan.FromSeconds(1));
        var b = await cluster.AddCoordinatorAsync(idB, TimeSpan.FromSeconds(3));

        // A takes the run with one tick and then never ticks again: a paused or partitioned coordinator.
        await a.TickAsync(CancellationToken.None);
        Assert.Equal([runId], a.Driving);
        Assert.Equal(idA, await cluster.Leases.OwnerAsync(runId));

        // B runs its loop and takes the run once A's lease has expired.
        await b.StartAsync(CancellationToken.None);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == idB, "coordinator B taking the expired run");

        // A's next renewal fails: it stops driving the run and does not take it back.
        await a.TickAsync(CancellationToken.None);
        var aDriving = await CoordinationCluster.WaitForAsync(async () =>
        {
            await a.TickAsync(CancellationToken.None);
            return a.Driving;
        }, d => d.Count == 0, "coordinator A letting go of the run");
        Assert.Empty(aDriving);
        Assert.Equal(idB, await cluster.Leases.OwnerAsync(runId));
        Assert.Equal([runId], b.Driving);

        await cluster.ResumeAsync(runId);
        var ended = await cluster.WaitForRunAsync(runId, r => r.Ended);
        Assert.Equal(RunPhase.Completed, ended.Phase);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is null, "coordinator B releasing the lease");
        await CoordinationCluster.WaitForAsync(() => Task.FromResult(b.Driving), d => d.Count == 0, "coordinator B forgetting the ended run");
    }

    [Fact]
    public async Task A_cancelled_run_is_exported_as_partial_and_ended_by_its_coordinator()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3));
        var runId = await cluster.SubmitAsync(paused: true);
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o == cluster.NodeId, "the node taking the run");

        Assert.True(await cluster.Store.CancelAsync(runId, "cancelled by test"));
        var ended = await cluster.WaitForRunAsync(runId, r => r.Ended);

        Assert.Equal(RunPhase.Cancelled, ended.Phase);
        Assert.True(File.Exists(Path.Combine(cluster.OutputDirectory(runId), RunReport.FileName)));
        await CoordinationCluster.WaitForAsync(() => cluster.Leases.OwnerAsync(runId), o => o is null, "the lease released");
        Assert.DoesNotContain(runId, await cluster.Store.ListUnendedAsync());
    }

    [Fact]
    public async Task One_coordinator_drives_several_runs_at_once_and_ends_each()
    {
        await using var cluster = await CoordinationCluster.StartAsync(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Gpu,
            driveSubmittedRuns: true, leaseTtl: TimeSpan.FromSeconds(3), rows: 4);
        var coordinator = cluster.Node.Services.GetRequiredService<CoordinatorService>();
        var first = await cluster.SubmitAsync(paused: true);
        var second = await cluster.SubmitAsync(paused: true);

        await CoordinationCluster.WaitForAsync(() => Task.FromResult(coordinator.Driving), d => d.Count == 2, "both runs driven");
        Assert.Equal(new[] { first, second }.Order(), coordinator.Driving.Order());

        await cluster.ResumeAsync(first);
        await cluster.ResumeAsync(second);
        Assert.Equal(RunPhase.Completed, (await cluster.WaitForRunAsync(first, r => r.Ended)).Phase);
        Assert.Equal(RunPhase.Completed, (await cluster.WaitForRunAsync(second, r => r.Ended)).Phase);
        await CoordinationCluster.WaitForAsync(() => cluster.Store.ListUnendedAsync(), u => u.Count == 0, "no unended runs");
    }

    private static async Task<long> LeaseRowsAsync(CoordinationCluster cluster, string runId)
    {
        await using var c = await cluster.Connections.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM run_leases WHERE run_id = @runId", new { runId });
    }
}
