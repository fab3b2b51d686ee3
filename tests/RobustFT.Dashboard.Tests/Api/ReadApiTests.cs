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
        var counts = await Run.Sagas.CountByStateAsync(Run.RunId);

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
        var counts = await Run.Sagas.CountByStateAsync(Run.RunId);

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
        var relabeled = (await Run.Sagas.ListAsync(Run.RunId, SampleStates.Selected)).Concat(await Run.Sagas.ListAsync(Run.RunId, SampleStates.Dropped)).First();

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
        Assert.Equal((await Run.Sagas.CountByStateAsync(Run.RunId))[SampleStates.Clean], clean.Total);
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
    public async Task Nodes_list_the_embedded_node_with_its_roles_and_a_fresh_heartbeat()
    {
        // The node beats every 2 s; on a loaded machine one beat can be late, and a fresh row may still be one written
        // before the run generated anything, so poll for a fresh beat that carries the run's tokens.
        NodeSummary? node = null;
        await Eventually.TrueAsync(async () =>
        {
            node = (await Run.GetAsync<NodesResponse>("/api/nodes")).Nodes.SingleOrDefault(n => n.NodeId == Run.Node.Identity.NodeId);
            return node is { Stale: false, Tokens: > 0 };
        }, "a fresh heartbeat of the embedded node reporting the run's tokens", TimeSpan.FromSeconds(30));

        Assert.Equal(["Coordinator", "Sample", "Gpu", "Dashboard"], node!.Roles);
        Assert.True(node.HeartbeatAgeSeconds <= 6);
        Assert.True(node.Requests > 0);
        Assert.True(node.BatchFill >= 1);
    }

    [Fact]
    public async Task A_node_that_missed_its_heartbeats_is_marked_stale()
    {
        var registry = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RobustFT.Cluster.Nodes.NodeRegistry>(Run.Node.Services);
        var lastBeat = DateTimeOffset.UtcNow.AddMinutes(-1);
        await registry.HeartbeatAsync(new RobustFT.Cluster.Nodes.NodeRecord("ghost-gpu-node", RobustFT.Cluster.Hosting.NodeRoles.Gpu, "ghost", 1, "cuda",
            lastBeat.AddMinutes(-5), lastBeat, new RobustFT.Cluster.Nodes.NodeStats(1000, 100, 7.5, 250, 12)));
        try
        {
            var nodes = await Run.GetAsync<NodesResponse>("/api/nodes");

            var ghost = Assert.Single(nodes.Nodes, n => n.NodeId == "ghost-gpu-node");
            Assert.True(ghost.Stale);
            Assert.True(ghost.HeartbeatAgeSeconds >= 60);
            Assert.Equal(["Gpu"], ghost.Roles);
            Assert.Equal((7.5, 250.0, 12, "cuda"), (ghost.BatchFill, ghost.TokensPerSecond, ghost.QueueDepth, ghost.ExecutionProvider));
        }
        finally
        {
            await registry.RemoveAsync("ghost-gpu-node");
        }
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
