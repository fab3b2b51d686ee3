using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>The broker killed mid-run and started again on the same port and data: the nodes notice (readiness goes
/// down), reconnect on their own and the run completes with the uninterrupted run's exports. The broker is killed
/// rather than stopped with <c>rabbitmqctl stop</c>: a graceful stop keeps serving for about ten seconds, long enough
/// for the whole test run to finish during it, so the outage would not be mid-run.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RabbitMqRestartTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMq_restarted_mid_run_nodes_reconnect_and_the_run_completes()
    {
        var baseline = await servers.BaselineAsync(0, 150);
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, servers.Postgres, "rabbit_restart", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForProgressAsync("detection under way", baseline.RunId,
            (phase, n) => phase == RunPhase.Detecting && n(Reasoning) + n(Embedding) + n(Clean) >= 30, submit);
        var nodes = cluster.RunningNodes.ToList();
        try
        {
            cluster.Log("kill -9 RabbitMQ");
            await servers.RabbitMq.CrashAsync();
            var during = await cluster.Store.RunAsync(baseline.RunId);
            Assert.True(during is { Ended: false }, cluster.Describe($"the run ended ({during?.Phase}) before the broker went down"));
            await cluster.WaitUntilAsync("every node reports not ready while the broker is down",
                async () => (await Task.WhenAll(nodes.Select(n => n.IsReadyAsync()))).All(ready => !ready), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await servers.RabbitMq.StartAsync(); // the broker is shared: it must be back whatever happened
            cluster.Log("RabbitMQ started again");
        }

        Assert.True(nodes.All(n => !n.HasExited), cluster.Describe("a node exited while the broker was down"));
        foreach (var node in nodes) await node.WaitReadyAsync(TimeSpan.FromSeconds(90));
        cluster.Log("every node is ready again");

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
        Assert.True(nodes.All(n => !n.HasExited), cluster.Describe("the same node processes should have finished the run"));
    }
}
