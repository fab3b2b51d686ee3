using Dapper;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary><see cref="NodeRegistry"/> (the nodes table) on a real SQLite file and the real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeRegistryTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_heartbeat_round_trips_roles_identity_times_and_stats(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var registry = await RegistryAsync(db);
        var node = Record(TestDatabase.UniqueId("node"), NodeRoles.Coordinator | NodeRoles.Gpu, beat: 1,
            new NodeStats(1234, 56, 3.5, 78.25, 9));

        await registry.HeartbeatAsync(node);

        Assert.Equal(node, Assert.Single(await MineAsync(registry, node.NodeId)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Repeated_heartbeats_keep_one_row_per_node_with_the_latest_time_roles_and_stats(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var registry = await RegistryAsync(db);
        var id = TestDatabase.UniqueId("node");
        var first = Record(id, NodeRoles.Sample, beat: 1, NodeStats.Empty);
        var second = Record(id, NodeRoles.Sample | NodeRoles.Gpu, beat: 2, new NodeStats(10, 2, 2, 5, 1));

        await registry.HeartbeatAsync(first);
        await registry.HeartbeatAsync(second);

        var row = Assert.Single(await MineAsync(registry, id));
        Assert.Equal(second, row);
        Assert.True(row.HeartbeatAt > first.HeartbeatAt);
        Assert.Equal(1, await RowCountAsync(db, id));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Removing_a_node_deletes_only_its_row(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var registry = await RegistryAsync(db);
        var (gone, kept) = (Record(TestDatabase.UniqueId("node"), NodeRoles.Gpu, 1, NodeStats.Empty),
            Record(TestDatabase.UniqueId("node"), NodeRoles.All, 1, NodeStats.Empty));
        await registry.HeartbeatAsync(gone);
        await registry.HeartbeatAsync(kept);

        await registry.RemoveAsync(gone.NodeId);
        await registry.RemoveAsync(TestDatabase.UniqueId("never-there"));

        var ids = (await registry.ListAsync()).Select(n => n.NodeId).ToList();
        Assert.DoesNotContain(gone.NodeId, ids);
        Assert.Contains(kept.NodeId, ids);
    }

    [Fact]
    public void A_node_is_stale_only_when_its_last_heartbeat_is_older_than_the_limit()
    {
        var node = Record("n", NodeRoles.Sample, beat: 0, NodeStats.Empty);
        var limit = TimeSpan.FromSeconds(10);

        Assert.False(node.IsStale(node.HeartbeatAt + limit, limit));
        Assert.True(node.IsStale(node.HeartbeatAt + limit + TimeSpan.FromMilliseconds(1), limit));
    }

    private static async Task<NodeRegistry> RegistryAsync(TestDatabase db)
    {
        var registry = new NodeRegistry(db.Connections);
        await registry.EnsureSchemaAsync();
        await registry.EnsureSchemaAsync();
        return registry;
    }

    /// <summary>A record with millisecond times (what the table keeps); <paramref name="beat"/> seconds after start.</summary>
    private static NodeRecord Record(string id, NodeRoles roles, int beat, NodeStats stats)
    {
        var started = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new NodeRecord(id, roles, "host-" + id, 4242, "cuda", started, started.AddSeconds(beat), stats);
    }

    private static async Task<IReadOnlyList<NodeRecord>> MineAsync(NodeRegistry registry, string id) =>
        (await registry.ListAsync()).Where(n => n.NodeId == id).ToList();

    private static async Task<long> RowCountAsync(TestDatabase db, string id)
    {
        await using var c = await db.Connections.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nodes WHERE node_id = @id", new { id });
    }
}
