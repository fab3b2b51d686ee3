using RobustFT.ClusterMode.Tests.Support;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>Two runs submitted to one cluster at the same moment share the nodes, workers and tables but not a single
/// sample entity, barrier, ranking or export.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrentRunsTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_runs_submitted_at_once_stay_isolated()
    {
        var first = await Slices.FirstAsync(servers);
        var second = await Slices.SecondAsync(servers);
        await using var cluster = await ClusterHarness.CreateAsync(servers.Postgres, "two_runs", output, delayPerBatchMs: 50);
        await cluster.StartNodesAsync();
        var firstOutput = cluster.OutputDirectory("out-first");
        var secondOutput = cluster.OutputDirectory("out-second");

        var submits = new[] { cluster.StartSubmit(first, firstOutput), cluster.StartSubmit(second, secondOutput) };

        await Task.WhenAll(submits.Select(s => cluster.AssertSubmitSucceedsAsync(s, TimeSpan.FromMinutes(3))));
        await cluster.AssertCompletedLikeBaselineAsync(first, firstOutput);
        await cluster.AssertCompletedLikeBaselineAsync(second, secondOutput);
        var runs = await cluster.Store.Runs.ListAsync();
        Assert.Equal(new[] { first.RunId, second.RunId }.Order(), runs.Select(r => r.RunId).Order());
    }
}
