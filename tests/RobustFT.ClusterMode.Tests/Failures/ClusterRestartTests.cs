using RobustFT.ClusterMode.Tests.Support;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>Every node stopped (SIGTERM) mid-run and started again: the coordinator recovers the run from the journal,
/// re-drives the live samples, and requests whose inference already ran are answered from the inference cache.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRestartTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task All_nodes_stopped_and_restarted_the_run_resumes_without_redoing_finished_inference()
    {
        var baseline = await Slices.FirstAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "restart_all", output);
        await cluster.StartNodesAsync();
        var outputDir = cluster.OutputDirectory("out");
        var submit = cluster.StartSubmit(baseline, outputDir);

        await cluster.WaitForDetectionAsync(baseline.RunId, 15, submit);
        var stopped = await cluster.StopAllNodesAsync();
        await cluster.AssertNotEndedAsync(baseline.RunId, "every node was stopped");
        var callsBeforeRestart = (await cluster.Store.Runs.GetInferenceTotalsAsync(baseline.RunId)).Calls;
        Assert.True(callsBeforeRestart > 0, cluster.Describe("no model call was journaled before the restart"));

        await cluster.StartNodesAsync();

        await cluster.AssertSubmitSucceedsAsync(submit, TimeSpan.FromMinutes(3));
        var report = await cluster.AssertCompletedLikeBaselineAsync(baseline, outputDir);
        // Finished inference is not redone: an answer is cached before its call is journaled, so the model calls of the
        // interrupted and the resumed cluster together are at most the uninterrupted run's.
        Assert.True(report.InferenceCalls <= baseline.Report.InferenceCalls,
            cluster.Describe($"the stopped and restarted cluster made {report.InferenceCalls} model calls ({callsBeforeRestart} before the restart), the uninterrupted run {baseline.Report.InferenceCalls}"));
        // Checked last so that a failing stop does not hide whether the run resumed.
        Assert.True(stopped.All(code => code == 0), cluster.Describe($"nodes exited with [{string.Join(", ", stopped)}] on SIGTERM, expected 0 each"));
    }
}
