using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>kill -9 of a GPU node while it serves inference batches: its unacknowledged requests go back to the broker
/// and the other GPU node answers them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GpuNodeKillTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Gpu_node_killed_mid_run_the_run_completes_with_identical_exports()
    {
        var baseline = await servers.BaselineAsync(0, 150);
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, servers.Postgres, "gpu_kill", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForProgressAsync("detection under way", baseline.RunId,
            (phase, n) => phase == RunPhase.Detecting && n(Reasoning) + n(Embedding) + n(Clean) >= 30, submit);
        await cluster.WaitUntilAsync($"{ClusterHarness.NodeB} has served inference",
            async () => (await cluster.Store.NodeAsync(ClusterHarness.NodeB))?.Stats.Requests > 0, TimeSpan.FromSeconds(30), submit);
        await cluster.KillNodeAsync(ClusterHarness.NodeB);

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
    }
}
