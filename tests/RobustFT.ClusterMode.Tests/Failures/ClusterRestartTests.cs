using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Runs;
using Xunit.Abstractions;
using static RobustFT.Cluster.Samples.SampleStates;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>Every node stopped (SIGTERM) mid-run and started again: the run resumes from the store and the broker's
/// durable queues, and re-driven requests whose inference already ran are answered from the inference cache.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRestartTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task All_nodes_stopped_and_restarted_the_run_resumes_reusing_cached_inference()
    {
        var baseline = await servers.BaselineAsync(0, 150);
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, servers.Postgres, "restart_all", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForProgressAsync("detection under way", baseline.RunId,
            (phase, n) => phase == RunPhase.Detecting && n(Reasoning) + n(Embedding) + n(Clean) >= 40, submit);
        var stopped = await cluster.StopAllNodesAsync();
        var interrupted = await cluster.Store.RunAsync(baseline.RunId);
        Assert.True(interrupted is { Ended: false }, cluster.Describe($"the run ended ({interrupted?.Phase}) before every node was stopped"));

        await cluster.StartNodesAsync();

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        var report = await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
        Assert.True(report.CacheHits > 0, cluster.Describe($"the resumed run should reuse finished inference; report: {report.CacheHits} cache hits, {report.InferenceCalls} calls"));
        // Checked last so that a failing stop does not hide whether the run resumed.
        Assert.True(stopped.All(code => code == 0), cluster.Describe($"nodes exited with [{string.Join(", ", stopped)}] on SIGTERM, expected 0 each"));
    }
}
