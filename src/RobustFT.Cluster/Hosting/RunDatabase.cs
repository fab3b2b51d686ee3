using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>The project's own tables in one store (a SQLite file or a PostgreSQL database), beside Akka.Persistence's
/// journal and snapshots: runs with their samples, inference journal, cache and running segments; the samples' read
/// model. A node gets them from its services; <c>submit</c> and <c>status</c> open one without starting a node.</summary>
public sealed class RunDatabase(IDbConnectionFactory connections)
{
    public IDbConnectionFactory Connections => connections;
    public RunStore Runs { get; } = new(connections);
    public SampleReadModel Samples { get; } = new(connections);

    /// <summary>Creates every table that is missing, and brings a journal written with tag rows to tags in its rows
    /// (<see cref="JournalTagMigration"/>); idempotent and safe when several processes start together.</summary>
    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        await Runs.EnsureSchemaAsync(ct);
        await Samples.EnsureSchemaAsync(ct);
        await JournalTagMigration.RunAsync(connections, ct);
    }
}
