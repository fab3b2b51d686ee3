using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>kill -9 of the node whose coordinator holds the run's lease, after the first barrier: the lease expires and
/// the other coordinator node takes the run over from the store.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CoordinatorNodeKillTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Coordinator_node_killed_mid_run_another_coordinator_finishes_it()
    {
        var baseline = await servers.BaselineAsync(0, 150);
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, servers.Postgres, "coordinator_kill", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForProgressAsync("relabeling under way (first barrier passed)", baseline.RunId,
            (phase, n) => phase == RunPhase.Retrieving && n(AwaitingSelection) >= 5, submit);
        var owner = await cluster.Store.LeaseOwnerAsync(baseline.RunId);
        Assert.True(owner is ClusterHarness.NodeA or ClusterHarness.NodeC, cluster.Describe($"the run's lease is held by '{owner}', not a coordinator node"));
        var survivor = owner == ClusterHarness.NodeA ? ClusterHarness.NodeC : ClusterHarness.NodeA;
        await cluster.KillNodeAsync(owner!);

        await cluster.WaitUntilAsync($"{survivor} takes over the lease of {owner}", async () =>
            await cluster.Store.LeaseOwnerAsync(baseline.RunId) == survivor
            || (await cluster.Store.RunAsync(baseline.RunId))?.Ended == true, TimeSpan.FromSeconds(60), submit);
        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
