using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>kill -9 of the node that holds the coordinator singleton, after the first barrier: the Split Brain
/// Resolver downs it, the singleton starts on the other coordinator node, its run actor recovers the run from the
/// journal and finishes it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CoordinatorNodeKillTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Coordinator_singleton_node_killed_mid_run_the_singleton_moves_and_finishes_the_run()
    {
        var baseline = await Slices.FirstAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "coordinator_kill", output);
        await cluster.StartNodesAsync();
        // Asked before the run starts (status takes seconds), so that the kill lands right at the kill point.
        var (holder, survivor) = await cluster.CoordinatorNodesAsync(ClusterHarness.NodeB);
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        // Right after the first barrier: relabeling lasts seconds, the failover longer, so the second barrier is left to
        // the new singleton (its run actor recovers the phase from the journal).
        await cluster.WaitForProgressAsync("first barrier passed", baseline.RunId, (phase, _) => phase == RunPhase.Retrieving, submit);
        await cluster.AssertNotEndedAsync(baseline.RunId, "the coordinator node was killed");
        await cluster.KillNodeAsync(holder);

        await cluster.WaitUntilAsync($"the coordinator singleton moves from {holder} to {survivor}",
            async () => await cluster.CoordinatorHolderAsync(ClusterHarness.NodeB) == survivor, TimeSpan.FromSeconds(90), submit);
        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
