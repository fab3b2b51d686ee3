using Dapper;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>Reads a test cluster's PostgreSQL database with the product's own store classes: runs, record rows, leases.</summary>
public sealed class ClusterStore(string connectionString) : IAsyncDisposable
{
    private readonly PostgresConnectionFactory _db = new(connectionString, startupAttempts: 1);

    public RunStore Runs => new(_db);
    public SqlSagaStore<SampleRecord> Sagas => new(_db, RuntimeServiceCollectionExtensions.SagaTable, StoreJson.Options);

    public Task<RunRecord?> RunAsync(string runId) => Runs.GetAsync(runId);

    public Task<IReadOnlyDictionary<string, int>> CountByStateAsync(string runId) => Sagas.CountByStateAsync(runId);

    /// <summary>The node holding the run's unexpired lease, or null.</summary>
    public Task<string?> LeaseOwnerAsync(string runId) => new RunLeases(_db).OwnerAsync(runId);

    /// <summary>The node's row as its last heartbeat left it, or null.</summary>
    public async Task<NodeRecord?> NodeAsync(string nodeId) =>
        (await new NodeRegistry(_db).ListAsync()).SingleOrDefault(n => n.NodeId == nodeId);

    /// <summary>Tables in the public schema (empty for a database nothing has written to).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var c = await _db.OpenAsync();
        return (await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).ToList();
    }

    /// <summary>Whether the given table exists (before the nodes created the schema, reads would fail).</summary>
    public async Task<bool> HasTableAsync(string table) => (await TablesAsync()).Contains(table);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
