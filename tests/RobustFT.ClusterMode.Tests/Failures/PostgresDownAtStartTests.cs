using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Testing.Servers;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>A node started while PostgreSQL is down: it retries with backoff (robustft.store.postgres.startup-attempts)
/// and starts once the server is back, or gives up with a clear error before writing anything. Each test stops its own
/// PostgreSQL server, not the shared one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresDownAtStartTests(ClusterServers servers)
{
    private const string Roles = "coordinator,sample,gpu";

    [Fact]
    public async Task Postgres_down_at_node_start_node_retries_with_backoff_then_starts()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, postgres, "pg_late", startupAttempts: 8);
        await postgres.StopAsync();

        var node = cluster.StartNode(ClusterHarness.NodeA, Roles);
        await cluster.WaitUntilAsync("the node announces itself", () => Task.FromResult(node.Process.Stderr.Contains(ClusterHarness.NodeA)),
            TimeSpan.FromSeconds(30), node.Process);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a few attempts fail meanwhile (0.25 s, 0.5 s, 1 s apart)
        Assert.False(node.HasExited, cluster.Describe("the node gave up while PostgreSQL was down for 2 s (8 attempts take about 18 s)"));
        Assert.False(await node.IsReadyAsync(), cluster.Describe("the node reports ready without its store"));

        await postgres.StartAsync();

        await node.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var tables = await cluster.Store.TablesAsync();
        Assert.True(new[] { "runs", "samples", "sample_sagas", "nodes" }.All(tables.Contains), cluster.Describe($"schema after the retry: [{string.Join(", ", tables)}]"));
    }

    [Fact]
    public async Task Postgres_stays_down_at_node_start_node_exits_with_a_clear_error_and_creates_nothing()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await using var cluster = await ClusterHarness.CreateAsync(servers.RabbitMq, postgres, "pg_down", startupAttempts: 3);
        await postgres.StopAsync();

        var node = cluster.StartNode(ClusterHarness.NodeA, Roles);
        var code = await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 1, cluster.Describe($"exit code {code}, expected 1"));
        var stderr = node.Process.Stderr;
        Assert.Contains($"{postgres.Host}:{postgres.Port}", stderr);
        Assert.Contains("3 attempts", stderr);
        Assert.DoesNotContain("password", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace

        await postgres.StartAsync();
        Assert.Empty(await cluster.Store.TablesAsync());
    }
}
