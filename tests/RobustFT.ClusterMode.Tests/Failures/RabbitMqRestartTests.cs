using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>The broker stopped and started again (same port, same data) mid-run: the nodes reconnect on their own and
/// the run completes with the uninterrupted run's exports.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RabbitMqRestartTests(ClusterServers servers)
{
    [Fact]
    public async Task RabbitMq_restarted_mid_run_nodes_reconnect_and_the_run_completes()
    {
        var baseline = await servers.BaselineAsync(0, 150);
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, servers.Postgres, "rabbit_restart");
        await cluster.StartNodesAsync();
        var output = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, output);

        await cluster.WaitForProgressAsync("detection under way", baseline.RunId,
            (phase, n) => phase == RunPhase.Detecting && n(Reasoning) + n(Embedding) + n(Clean) >= 30, submit);
        try
        {
            await servers.RabbitMq.StopAsync();
            await cluster.WaitUntilAsync("every node reports not ready while the broker is down",
                async () => (await Task.WhenAll(cluster.RunningNodes.Select(n => n.IsReadyAsync()))).All(ready => !ready),
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            await servers.RabbitMq.StartAsync(); // the broker is shared: it must be back whatever happened
        }

        var nodes = cluster.RunningNodes.ToList();
        Assert.True(nodes.Count == ClusterHarness.StandardNodes.Count, cluster.Describe("a node exited while the broker was down"));
        foreach (var node in nodes) await node.WaitReadyAsync(TimeSpan.FromSeconds(90));

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, output);
        Assert.True(nodes.All(n => !n.HasExited), cluster.Describe("the same node processes should have finished the run"));
    }
}
