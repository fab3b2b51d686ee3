using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>The tables of one store (a SQLite file or a PostgreSQL database): runs with their samples, journal and
/// cache; the sample sagas; the nodes; the run leases. A node gets them from its services; <c>submit</c> and
/// <c>status</c> open one without starting a node.</summary>
public sealed class RunDatabase(IDbConnectionFactory connections)
{
    public IDbConnectionFactory Connections => connections;
    public RunStore Runs { get; } = new(connections);
    public SqlSagaStore<SampleSaga> Sagas { get; } = new(connections, RuntimeServiceCollectionExtensions.SagaTable, StoreJson.Options);
    public NodeRegistry Nodes { get; } = new(connections);
    public RunLeases Leases { get; } = new(connections);

    /// <summary>Creates every table that is missing; idempotent and safe when several processes start together.</summary>
    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        await Runs.EnsureSchemaAsync(ct);
        await Sagas.EnsureSchemaAsync(ct);
        await Nodes.EnsureSchemaAsync(ct);
        await Leases.EnsureSchemaAsync(ct);
    }
}
