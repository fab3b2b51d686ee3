using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Live;

[Collection(CompletedRunCollection.Name)]
public sealed class EventStreamTests(CompletedRunFixture fixture)
{
    private EmbeddedRun Run => fixture.Run;

    [Fact]
    public async Task A_run_stream_pushes_snapshots_with_the_run_detail_as_the_api_reports_it()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await SseClient.OpenAsync(Run.Http, $"/api/runs/{Run.RunId}/events", limit.Token);

        var first = await client.NextAsync(limit.Token);
        var second = await client.NextAsync(limit.Token);

        Assert.True(second.Sequence > first.Sequence);
        var detail = await Run.GetAsync<RunDetail>($"/api/runs/{Run.RunId}");
        Assert.Equal(detail.States, second.Run!.States);
        Assert.Contains(second.Runs, r => r.RunId == Run.RunId);
        Assert.NotEmpty(second.Nodes.Nodes);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_affects_neither_other_clients_nor_the_server()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var staying = await SseClient.OpenAsync(Run.Http, "/api/events", limit.Token);
        await staying.NextAsync(limit.Token);

        using (var leaving = new HttpClient { BaseAddress = Run.Server.Address })
        {
            await using var client = await SseClient.OpenAsync(leaving, "/api/events", limit.Token);
            await client.NextAsync(limit.Token);
        } // the connection is torn down here, in the middle of the stream

        var after = await staying.NextAsync(limit.Token);
        var later = await staying.NextAsync(limit.Token);
        Assert.True(later.Sequence > after.Sequence);
        Assert.Equal("ok\n", await Run.Http.GetStringAsync("/healthz"));
        Assert.Contains((await Run.GetAsync<RunsResponse>("/api/runs")).Runs, r => r.RunId == Run.RunId);
    }

    [Fact]
    public async Task A_hundred_concurrent_clients_each_receive_events_and_the_server_stays_healthy()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { BaseAddress = Run.Server.Address, Timeout = Timeout.InfiniteTimeSpan };

        var clients = Enumerable.Range(0, 100).Select(async i =>
        {
            await using var client = await SseClient.OpenAsync(http, i % 2 == 0 ? "/api/events" : $"/api/runs/{Run.RunId}/events", limit.Token);
            var a = await client.NextAsync(limit.Token);
            var b = await client.NextAsync(limit.Token);
            return (a, b);
        }).ToList();
        var received = await Task.WhenAll(clients);

        Assert.Equal(100, received.Length);
        Assert.All(received, r => Assert.True(r.b.Sequence > r.a.Sequence));
        Assert.All(received.Where((_, i) => i % 2 == 1), r => Assert.Equal(Run.RunId, r.b.Run!.Run.RunId));
        Assert.Equal("ok\n", await Run.Http.GetStringAsync("/healthz"));
    }
}
