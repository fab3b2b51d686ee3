using System.Net;
using System.Text.Json;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Api;

[Collection(CompletedRunCollection.Name)]
public sealed class ReadApiTests(CompletedRunFixture fixture)
{
    private EmbeddedRun Run => fixture.Run;

    [Fact]
    public async Task Runs_list_reports_the_run_with_its_finished_count_from_the_store()
    {
        var runs = await Run.GetAsync<RunsResponse>("/api/runs");
        var counts = await Run.Samples.CountByStateAsync(Run.RunId);

        var summary = Assert.Single(runs.Runs, r => r.RunId == Run.RunId);
        Assert.Equal(nameof(RunPhase.Completed), summary.Phase);
        Assert.Equal(SampleStates.Terminal.Sum(s => counts.GetValueOrDefault(s)), summary.Finished);
        Assert.Equal(120, summary.Samples);
        Assert.True(summary.Ended);
        Assert.False(summary.Partial);
    }

    [Fact]
    public async Task Run_detail_counts_every_state_exactly_as_the_store_does()
    {
        var detail = await Run.GetAsync<RunDetail>($"/api/runs/{Run.RunId}");
        var counts = await Run.Samples.CountByStateAsync(Run.RunId);

        Assert.Equal(SampleStates.All, detail.States.Select(s => s.State));
        foreach (var state in detail.States) Assert.Equal(counts.GetValueOrDefault(state.State), state.Count);
        Assert.True(detail.Barriers.Index);
        Assert.True(detail.Barriers.Selection);
        Assert.NotNull(detail.Threshold);
        Assert.Equal(1.0, detail.Progress);
        Assert.Contains(detail.Edges, e => e.From == SampleStates.AwaitingIndex && e.To == SampleStates.Retrieving);
        var totals = await Run.Store.GetInferenceTotalsAsync(Run.RunId);
        Assert.Equal(totals.Tokens, detail.Inference.Tokens);
        Assert.True(detail.Inference.Calls > 0);
    }

    [Fact]
    public async Task Lineage_of_a_relabeled_sample_shows_its_neighbours_entropy_and_prompts()
    {
        var relabeled = (await Run.Samples.ListAsync(Run.RunId, SampleStates.Selected)).Concat(await Run.Samples.ListAsync(Run.RunId, SampleStates.Dropped)).First();

        var lineage = await Run.GetAsync<SampleLineage>($"/api/runs/{Run.RunId}/samples/{relabeled.SampleId}");

        Assert.Equal(relabeled.CurrentState, lineage.State);
        Assert.Equal(relabeled.Entropy, lineage.Entropy);
        Assert.Equal(relabeled.Rank, lineage.Rank);
        Assert.False(lineage.Clean);
        Assert.Equal(relabeled.Neighbours, lineage.Neighbours.Select(n => n.SampleId));
        Assert.NotEmpty(lineage.Neighbours);
        Assert.Equal(["base", "reasoning", "context", "review"], lineage.Prompts.Select(p => p.Step));
        Assert.Contains(lineage.Neighbours[0].Question, lineage.Prompts.Single(p => p.Step == "context").Messages[0].Content);
        Assert.Empty(lineage.SkippedSteps); // the full method
        // The neighbour link is the neighbour's own lineage.
        var neighbour = await Run.GetAsync<SampleLineage>(lineage.Neighbours[0].Url);
        Assert.Equal(SampleStates.Clean, neighbour.State);
    }

    [Fact]
    public async Task Samples_can_be_searched_by_state_and_by_words_of_the_question()
    {
        var clean = await Run.GetAsync<SamplesResponse>($"/api/runs/{Run.RunId}/samples?state=Clean&limit=500");
        Assert.Equal((await Run.Samples.CountByStateAsync(Run.RunId))[SampleStates.Clean], clean.Total);
        Assert.All(clean.Samples, s => Assert.Equal(SampleStates.Clean, s.State));

        var any = clean.Samples[0];
        var word = any.Question.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First();
        var found = await Run.GetAsync<SamplesResponse>($"/api/runs/{Run.RunId}/samples?q={Uri.EscapeDataString(word)}");
        Assert.Contains(found.Samples, s => s.SampleId == any.SampleId);
    }

    [Fact]
    public async Task Unknown_runs_and_samples_answer_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Run.Http.GetAsync("/api/runs/no-such-run")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Run.Http.GetAsync($"/api/runs/{Run.RunId}/samples/no-such-sample")).StatusCode);
    }

    [Fact]
    public async Task Nodes_list_the_embedded_node_as_an_up_member_holding_the_coordinator_and_its_gpu_worker_with_the_run_figures()
    {
        // The worker publishes its status every heartbeat-interval; poll for one that carries the run's tokens.
        NodesResponse? nodes = null;
        await Eventually.TrueAsync(async () =>
        {
            nodes = await Run.GetAsync<NodesResponse>("/api/nodes");
            return nodes.Workers is [{ Stale: false, Tokens: > 0 }];
        }, "a fresh status of the embedded node's GPU worker reporting the run's tokens", TimeSpan.FromSeconds(30));

        var member = Assert.Single(nodes!.Nodes);
        Assert.Equal(Run.Node.Addresses.Self, member.Address);
        Assert.Equal(["coordinator", "dashboard", "gpu", "sample"], member.Roles);
        Assert.Equal(("Up", true, true, 1), (member.Status, member.Reachable, member.Coordinator, member.Workers));
        var worker = Assert.Single(nodes.Workers);
        Assert.Equal((Run.Node.Addresses.Self, "cpu", Run.Model.ModelId), (worker.Address, worker.Device, worker.ModelId));
        Assert.True(worker.StatusAgeSeconds <= nodes.StaleAfterSeconds);
        Assert.True(worker.Requests > 0);
        Assert.True(worker.BatchFill >= 1);
    }

    [Fact]
    public async Task The_api_and_the_status_read_model_give_the_same_json()
    {
        var queries = DashboardQueries.FromServices(Run.Node.Services, ShippedDefaults.Config.StaleAfter());
        var viaQueries = DashboardJson.Serialize(await queries.ListRunsAsync());
        var viaHttp = await Run.Http.GetStringAsync("/api/runs");

        Assert.Equal(viaQueries, viaHttp);
    }

    [Fact]
    public async Task No_secret_or_path_appears_in_the_api_or_on_the_page()
    {
        var texts = new[]
        {
            await Run.Http.GetStringAsync("/api/runs"), await Run.Http.GetStringAsync($"/api/runs/{Run.RunId}"),
            await Run.Http.GetStringAsync("/api/nodes"), await Run.Http.GetStringAsync("/"), await Run.Http.GetStringAsync("/app.js"),
            await Run.Http.GetStringAsync("/api/control"),
        };
        foreach (var text in texts)
        {
            Assert.DoesNotContain(EmbeddedRun.Token, text);
            Assert.DoesNotContain(Run.Directory, text);
        }
        using var control = JsonDocument.Parse(texts[^1]);
        Assert.True(control.RootElement.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_page_and_its_assets_come_from_this_server_only()
    {
        var html = await Run.Http.GetStringAsync("/");
        using var page = await Run.Http.GetAsync("/");

        Assert.Contains("/app.js", html);
        Assert.Contains("/app.css", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", html);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("text/javascript", (await Run.Http.GetAsync("/app.js")).Content.Headers.ContentType?.MediaType);
    }
}
