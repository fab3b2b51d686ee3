using RobustFT.ClusterMode.Tests.Support;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>SIGTERM (what Kubernetes and <c>docker stop</c> send) to the node holding the coordinator singleton,
/// mid-run: CoordinatedShutdown makes it leave the cluster, hands its shards and the singleton over, and the process
/// exits 0; the rest of the cluster finishes the run.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GracefulLeaveTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_node_leaves_the_cluster_exits_0_and_the_run_completes()
    {
        var baseline = await Slices.FirstAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "sigterm_leave", output);
        await cluster.StartNodesAsync();
        var (holder, survivor) = await cluster.CoordinatorNodesAsync(ClusterHarness.NodeB);
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForDetectionAsync(baseline.RunId, 10, submit);
        await cluster.AssertNotEndedAsync(baseline.RunId, "the node was stopped");
        var code = await cluster.StopNodeAsync(holder, TimeSpan.FromSeconds(45));

        Assert.True(code == 0, cluster.Describe($"{holder} exited with {code?.ToString() ?? "nothing (killed after 45 s)"} on SIGTERM, expected 0 after CoordinatedShutdown"));
        var left = cluster.Spec(holder);
        var members = await cluster.MembersAsync(ClusterHarness.NodeB);
        Assert.True(members.All(m => !left.Owns(m.Address) || m.Status is "Exiting" or "Removed"),
            cluster.Describe($"{holder} left gracefully but {ClusterHarness.NodeB} still sees it: {string.Join(", ", members.Select(m => $"{m.Address} {m.Status} reachable={m.Reachable}"))}"));
        await cluster.WaitUntilAsync($"the coordinator singleton is handed over to {survivor}",
            async () => await cluster.CoordinatorHolderAsync(ClusterHarness.NodeB) == survivor, TimeSpan.FromSeconds(60), submit);
        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
