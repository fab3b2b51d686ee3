using System.Globalization;
using System.Text.RegularExpressions;
using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Testing.Servers;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>A node started while PostgreSQL is down: it retries with backoff (robustft.store.postgres.startup-attempts),
/// naming the database, and starts once the server is back, or gives up with a clear error before creating anything
/// (neither the project's tables nor Akka's journal). Each test stops its own PostgreSQL server, not the shared one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresDownAtStartTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<(string NodeId, string Roles)> OneNode = [(ClusterHarness.NodeA, "coordinator,sample,gpu")];

    /// <summary>The node's "attempt N of M, retrying in S s" warnings: attempt number and delay in seconds.</summary>
    private static List<(int Attempt, double Delay)> Retries(NodeProcess node) =>
        Regex.Matches(node.Process.Stderr, @"attempt (\d+) of \d+, retrying in ([0-9.]+)s")
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public async Task Postgres_down_at_node_start_node_retries_with_backoff_then_starts()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await using var cluster = await ClusterHarness.CreateAsync(postgres, "pg_late", output, startupAttempts: 8, nodes: OneNode);
        await postgres.StopAsync();

        var node = cluster.StartNode(ClusterHarness.NodeA);
        await cluster.WaitUntilAsync("the node retried three times", () => Task.FromResult(Retries(node).Count >= 3), TimeSpan.FromSeconds(60), node.Process);
        Assert.False(await node.IsReadyAsync(), cluster.Describe("the node reports ready without its store"));
        var delays = Retries(node).Select(r => r.Delay).ToList();
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Item2 > p.Item1), cluster.Describe($"retry delays [{string.Join(", ", delays)}] s do not back off"));
        Assert.Contains($"PostgreSQL at {postgres.Host}:{postgres.Port}/{cluster.Database}", node.Process.Stderr);

        cluster.Log("start PostgreSQL");
        await postgres.StartAsync();

        await node.WaitReadyAsync(TimeSpan.FromSeconds(90));
        var tables = await cluster.Store.TablesAsync();
        Assert.True(ClusterStore.ProjectTables.All(tables.Contains), cluster.Describe($"schema after the retry: [{string.Join(", ", tables)}]"));
    }

    [Fact]
    public async Task Postgres_stays_down_at_node_start_node_exits_with_a_clear_error_and_creates_nothing()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await using var cluster = await ClusterHarness.CreateAsync(postgres, "pg_down", output, startupAttempts: 3, nodes: OneNode);
        await postgres.StopAsync();

        var node = cluster.StartNode(ClusterHarness.NodeA);
        var code = await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 1, cluster.Describe($"exit code {code}, expected 1"));
        var stderr = node.Process.Stderr;
        Assert.Contains($"PostgreSQL at {postgres.Host}:{postgres.Port}/{cluster.Database}", stderr);
        Assert.Contains("3 attempts", stderr);
        Assert.DoesNotContain("password", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace

        await postgres.StartAsync();
        Assert.Empty(await cluster.Store.TablesAsync());
    }
}
