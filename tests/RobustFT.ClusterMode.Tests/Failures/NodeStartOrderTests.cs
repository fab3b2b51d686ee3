using RobustFT.ClusterMode.Tests.Support;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>Nodes started in any order form one cluster: a GPU node and a coordinator node started before the seed
/// keep trying to join until it is up, then all three are Up members and a run completes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeStartOrderTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Nodes_started_seed_last_form_the_cluster_and_complete_a_run()
    {
        var baseline = await Slices.FirstAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "start_order", output, delayPerBatchMs: 20);

        var gpu = cluster.StartNode(ClusterHarness.NodeB);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var other = cluster.StartNode(ClusterHarness.NodeC);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(await gpu.IsReadyAsync(), cluster.Describe($"{ClusterHarness.NodeB} reports ready before its seed node started"));
        Assert.False(gpu.HasExited || other.HasExited, cluster.Describe("a node started before its seed exited"));
        var seed = cluster.StartNode(ClusterHarness.NodeA);
        await cluster.WaitReadyAsync([gpu, other, seed]);

        var members = await cluster.MembersAsync(ClusterHarness.NodeB);
        Assert.True(cluster.Specs.All(s => members.Count(m => s.Owns(m.Address) && m.Status == "Up") == 1),
            cluster.Describe($"members seen by {ClusterHarness.NodeB}: {string.Join(", ", members.Select(m => $"{m.Address} {m.Status}"))}"));

        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);
        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
