using System.Net;
using RobustFT.Cluster.Runs;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Api;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Control_without_the_right_token_is_refused_and_pause_stops_inference_until_resume()
    {
        await using var run = await EmbeddedRun.StartAsync(rows: 150, delay: TimeSpan.FromMilliseconds(100), maxBatch: 4);
        await Eventually.TrueAsync(() => Task.FromResult(run.Model.Calls > 0), "the model to be called");
        var before = await run.Store.GetAsync(run.RunId);

        foreach (var action in new[] { "pause", "resume", "cancel" })
        {
            using var none = await run.PostAsync($"/api/runs/{run.RunId}/{action}", bearer: null);
            using var wrong = await run.PostAsync($"/api/runs/{run.RunId}/{action}", bearer: "not-the-token");
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }
        await using (var readOnly = await DashboardServer.StartAsync(new DashboardOptions("http://127.0.0.1:0") { StaleAfter = ShippedDefaults.Config.StaleAfter() }, run.Node.Services, () => true, CancellationToken.None))
        {
            using var http = new HttpClient { BaseAddress = readOnly.Address };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{run.RunId}/cancel") { Headers = { { "Authorization", $"Bearer {EmbeddedRun.Token}" } } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }
        var unchanged = await run.Store.GetAsync(run.RunId);
        Assert.False(unchanged!.Paused);
        Assert.NotEqual(RunPhase.Cancelled, unchanged.Phase);
        Assert.True(unchanged.Phase >= before!.Phase);

        using var pause = await run.PostAsync($"/api/runs/{run.RunId}/pause", EmbeddedRun.Token);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.True((await run.Store.GetAsync(run.RunId))!.Paused);
        Assert.True((await run.GetAsync<RunDetail>($"/api/runs/{run.RunId}")).Run.Paused);

        // Requests already in a model batch finish; after that the model is not called any more while paused.
        var settled = await Eventually.StableAsync(() => run.Model.Calls, polls: 4, TimeSpan.FromMilliseconds(400));
        var journal = (await run.Store.GetInferenceTotalsAsync(run.RunId)).Calls;
        for (var poll = 0; poll < 5; poll++)
        {
            await Task.Delay(300);
            Assert.Equal(settled, run.Model.Calls);
            Assert.False((await run.Store.GetAsync(run.RunId))!.Ended);
        }
        Assert.Equal(journal, (await run.Store.GetInferenceTotalsAsync(run.RunId)).Calls);

        using var resume = await run.PostAsync($"/api/runs/{run.RunId}/resume", EmbeddedRun.Token);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(run.Model.Calls > settled), "inference to continue after resume");
        var final = await run.WaitForEndAsync();
        Assert.Equal(RunPhase.Completed, final.Phase);
        Assert.False(final.Paused);
    }

    [Fact]
    public async Task Cancel_ends_the_run_with_partial_results_and_later_control_conflicts()
    {
        await using var run = await EmbeddedRun.StartAsync(rows: 150, delay: TimeSpan.FromMilliseconds(100), maxBatch: 4);
        await Eventually.TrueAsync(() => Task.FromResult(run.Model.Calls > 0), "the model to be called");

        using var cancel = await run.PostAsync($"/api/runs/{run.RunId}/cancel", EmbeddedRun.Token);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var final = await run.WaitForEndAsync();

        Assert.Equal(RunPhase.Cancelled, final.Phase);
        var report = Core.Reports.RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(run.Settings.OutputDirectory, Core.Reports.RunReport.FileName)));
        Assert.True(report.Partial);
        var summary = (await run.GetAsync<RunsResponse>("/api/runs")).Runs.Single(r => r.RunId == run.RunId);
        Assert.True(summary.Partial);
        Assert.True(summary.Ended);
        Assert.Equal(nameof(RunPhase.Cancelled), summary.Phase);
        foreach (var action in new[] { "pause", "resume", "cancel" })
        {
            using var late = await run.PostAsync($"/api/runs/{run.RunId}/{action}", EmbeddedRun.Token);
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }
        using var unknown = await run.PostAsync("/api/runs/no-such-run/pause", EmbeddedRun.Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
