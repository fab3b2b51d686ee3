using RobustFT.ClusterMode.Tests.Support;
using Xunit.Abstractions;

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

        await cluster.WaitForDetectionAsync(baseline.RunId, 10, submit);
        var gpu = cluster.Spec(ClusterHarness.NodeB);
        await cluster.WaitUntilAsync($"{ClusterHarness.NodeB} has served inference",
            async () => (await cluster.MembersAsync(ClusterHarness.NodeA)).Any(m => gpu.Owns(m.Address) && m.Requests > 0), TimeSpan.FromSeconds(30), submit);
        await cluster.AssertNotEndedAsync(baseline.RunId, "the GPU node was killed");
        await cluster.KillNodeAsync(ClusterHarness.NodeB);

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
