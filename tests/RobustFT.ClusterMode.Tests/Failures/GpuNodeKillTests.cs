using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>kill -9 of a GPU node while it serves inference: the dispatchers re-send what it held (it is downed, or
/// its requests time out) to the other GPU node, and the run completes with the uninterrupted run's exports.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GpuNodeKillTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Gpu_node_killed_mid_run_the_run_completes_with_identical_exports()
    {
        var baseline = await Slices.FirstAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "gpu_kill", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForProgressAsync("detection under way", baseline.RunId,
            (phase, n) => phase == RunPhase.Detecting && n(Reasoning) + n(Checking) + n(Embedding) + n(Clean) >= 10, submit);
        var gpu = cluster.Spec(ClusterHarness.NodeB);
        await cluster.WaitUntilAsync($"{ClusterHarness.NodeB} has served inference",
            async () => (await cluster.MembersAsync(ClusterHarness.NodeA)).Any(m => gpu.Owns(m.Address) && m.Requests > 0), TimeSpan.FromSeconds(30), submit);
        var before = await cluster.Store.RunAsync(baseline.RunId);
        Assert.True(before is { Ended: false }, cluster.Describe($"the run ended ({before?.Phase}) before the GPU node was killed"));
        await cluster.KillNodeAsync(ClusterHarness.NodeB);

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
