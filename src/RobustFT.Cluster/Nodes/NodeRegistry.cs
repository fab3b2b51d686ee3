using System.Text.Json;
using Dapper;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Nodes;

/// <summary>The nodes table: one row per node, rewritten by each heartbeat. Read by the dashboard and
/// <c>robustft status</c>; membership itself is the broker's business, this is only what operators see.</summary>
public sealed class NodeRegistry(IDbConnectionFactory db)
{
    private const string Select =
        "SELECT node_id AS NodeId, roles AS Roles, host AS Host, pid AS Pid, execution_provider AS ExecutionProvider, " +
        "started_at AS StartedAt, heartbeat_at AS HeartbeatAt, stats AS Stats FROM nodes";

    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        SchemaCreation.EnsureAsync(db, SchemaCreation.LockKey("robustft.schema.nodes"),
        [
            """
            CREATE TABLE IF NOT EXISTS nodes (
                node_id TEXT PRIMARY KEY, roles TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
                execution_provider TEXT NOT NULL, started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, stats TEXT NOT NULL)
            """,
        ], ct);

    /// <summary>Inserts or refreshes the node's row.</summary>
    public async Task HeartbeatAsync(NodeRecord node, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO nodes (node_id, roles, host, pid, execution_provider, started_at, heartbeat_at, stats)
            VALUES (@NodeId, @Roles, @Host, @Pid, @ExecutionProvider, @StartedAt, @HeartbeatAt, @Stats)
            ON CONFLICT (node_id) DO UPDATE SET roles = excluded.roles, host = excluded.host, pid = excluded.pid,
                execution_provider = excluded.execution_provider, started_at = excluded.started_at,
                heartbeat_at = excluded.heartbeat_at, stats = excluded.stats
            """,
            new
            {
                node.NodeId, Roles = node.Roles.ToString(), node.Host, Pid = node.ProcessId, node.ExecutionProvider,
                StartedAt = node.StartedAt.ToUnixTimeMilliseconds(), HeartbeatAt = node.HeartbeatAt.ToUnixTimeMilliseconds(),
                Stats = JsonSerializer.Serialize(node.Stats, StoreJson.Options),
            }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(Select + " ORDER BY node_id", cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Removes the node's row (a clean shutdown); a killed node's row stays and turns stale.</summary>
    public async Task RemoveAsync(string nodeId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM nodes WHERE node_id = @nodeId", new { nodeId }, cancellationToken: ct));
    }

    private sealed class Row
    {
        public string NodeId { get; set; } = "";
        public string Roles { get; set; } = "";
        public string Host { get; set; } = "";
        public long Pid { get; set; }
        public string ExecutionProvider { get; set; } = "";
        public long StartedAt { get; set; }
        public long HeartbeatAt { get; set; }
        public string Stats { get; set; } = "";

        public NodeRecord ToRecord() => new(
            NodeId, Enum.Parse<NodeRoles>(Roles), Host, (int)Pid, ExecutionProvider,
            DateTimeOffset.FromUnixTimeMilliseconds(StartedAt), DateTimeOffset.FromUnixTimeMilliseconds(HeartbeatAt),
            JsonSerializer.Deserialize<NodeStats>(Stats, StoreJson.Options) ?? NodeStats.Empty);
    }
}
