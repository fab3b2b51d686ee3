using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Samples;

/// <summary>
/// The read model of the samples (table <c>sample_states</c>): one row per started sample with its state and record,
/// written only by the run's projection (<c>SampleProjection</c>, fed from the journal's events tagged with the run),
/// together with the projection's offset in the same transaction, and the run's count of samples per state
/// (<c>sample_state_counts</c>, kept by the same transaction from each record's previous and new state, so reading the
/// counts costs a few rows however large the run). Listings and lookups for the coordinator's barriers, the retriever's
/// clean index, exports, <c>status</c> and the dashboard.
/// </summary>
public sealed class SampleReadModel(IDbConnectionFactory db)
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS sample_states (
            run_id TEXT NOT NULL, sample_id TEXT NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (run_id, sample_id))
        """,
        "CREATE INDEX IF NOT EXISTS ix_sample_states_run_state ON sample_states (run_id, state)",
        "CREATE TABLE IF NOT EXISTS projection_offsets (run_id TEXT PRIMARY KEY, event_offset BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sample_state_counts (run_id TEXT NOT NULL, state TEXT NOT NULL, samples BIGINT NOT NULL, PRIMARY KEY (run_id, state))",
    ];

    /// <summary>Runs whose counts row set is known to exist (built from <c>sample_states</c> once for a store written
    /// before the counts table).</summary>
    private readonly ConcurrentDictionary<string, bool> _countsKept = new(StringComparer.Ordinal);

    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        SchemaCreation.EnsureAsync(db, SchemaCreation.LockKey("robustft.schema.sample_states"), Schema, ct);

    /// <summary>Started samples per state (states with none left out): the kept counts, or, for a run the projection
    /// has not written since the counts table came, one GROUP BY over its rows.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, samples FROM sample_state_counts WHERE run_id = @runId", new { runId }, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
            rows = (await c.QueryAsync<(string State, long Count)>(new CommandDefinition(
                "SELECT state, COUNT(*) FROM sample_states WHERE run_id = @runId GROUP BY state", new { runId }, cancellationToken: ct))).ToList();
        return rows.Where(r => r.Count != 0).ToDictionary(r => r.State, r => (int)r.Count, StringComparer.Ordinal);
    }

    /// <summary>The run's records, or only those in <paramref name="state"/>, ordered by sample id.</summary>
    public async Task<IReadOnlyList<SampleRecord>> ListAsync(string runId, string? state = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<string>(new CommandDefinition(
            state is null
                ? "SELECT data FROM sample_states WHERE run_id = @runId ORDER BY sample_id"
                : "SELECT data FROM sample_states WHERE run_id = @runId AND state = @state ORDER BY sample_id",
            new { runId, state }, cancellationToken: ct));
        return rows.Select(Deserialize).ToList();
    }

    public async Task<SampleRecord?> GetAsync(string runId, string sampleId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var data = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT data FROM sample_states WHERE run_id = @runId AND sample_id = @sampleId", new { runId, sampleId }, cancellationToken: ct));
        return data is null ? null : Deserialize(data);
    }

    /// <summary>Several records at once (those that exist), by sample id.</summary>
    public async Task<IReadOnlyDictionary<string, SampleRecord>> GetManyAsync(string runId, IReadOnlyCollection<string> sampleIds, CancellationToken ct = default) =>
        (await QueryByIdsAsync<string>(runId, sampleIds, "data", ct)).Select(Deserialize).ToDictionary(r => r.SampleId, StringComparer.Ordinal);

    /// <summary>Sample id and state of every started sample of the run (small rows, for the coordinator's waves).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StatesAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string SampleId, string State)>(new CommandDefinition(
            "SELECT sample_id, state FROM sample_states WHERE run_id = @runId", new { runId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.SampleId, r => r.State, StringComparer.Ordinal);
    }

    /// <summary>State of each of <paramref name="sampleIds"/> that has a row (small rows, for the coordinator's samples in
    /// flight).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StatesOfAsync(string runId, IReadOnlyCollection<string> sampleIds, CancellationToken ct = default) =>
        (await QueryByIdsAsync<(string SampleId, string State)>(runId, sampleIds, "sample_id, state", ct)).ToDictionary(r => r.SampleId, r => r.State, StringComparer.Ordinal);

    /// <summary>Ids of the run's samples in one of <paramref name="states"/>, ordered.</summary>
    public Task<IReadOnlyList<string>> ListIdsAsync(string runId, IReadOnlyCollection<string> states, CancellationToken ct = default) =>
        ListIdsAsync(runId, states, int.MaxValue, ct);

    /// <summary>The first <paramref name="limit"/> ids of the run's samples in one of <paramref name="states"/>, ordered.</summary>
    public async Task<IReadOnlyList<string>> ListIdsAsync(string runId, IReadOnlyCollection<string> states, int limit, CancellationToken ct = default)
    {
        if (states.Count == 0 || limit <= 0) return [];
        await using var c = await db.OpenAsync(ct);
        var parameters = new DynamicParameters(new { runId, limit });
        var names = states.Select((s, i) => { parameters.Add("st" + i, s); return "@st" + i; }).ToList();
        var ids = await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT sample_id FROM sample_states WHERE run_id = @runId AND state IN ({string.Join(',', names)}) ORDER BY sample_id LIMIT @limit",
            parameters, cancellationToken: ct));
        return ids.ToList();
    }

    /// <summary>The journal offset up to which the run's events are in the table (0: none yet).</summary>
    public async Task<long> GetOffsetAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT event_offset FROM projection_offsets WHERE run_id = @runId", new { runId }, cancellationToken: ct)) ?? 0;
    }

    /// <summary>Writes the changed records, the counts per state they change and the new offset in one transaction, so a
    /// projection that restarts resumes exactly after what it wrote.</summary>
    public async Task SaveAsync(string runId, IReadOnlyCollection<SampleRecord> changed, long offset, CancellationToken ct = default)
    {
        using var writeLease = db is SqliteConnectionFactory sqlite ? await sqlite.EnterWriteAsync(ct) : null;
        await using var c = await db.OpenAsync(ct);
        await using var tx = await WriteTransactions.BeginWriteAsync(c, ct);
        if (!_countsKept.ContainsKey(runId))
        {
            // First write of this process for the run: a store from before the counts table gets them from its rows.
            var kept = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT 1 FROM sample_state_counts WHERE run_id = @runId LIMIT 1", new { runId }, tx, cancellationToken: ct)) is not null;
            if (!kept)
                await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO sample_state_counts (run_id, state, samples)
                    SELECT run_id, state, COUNT(*) FROM sample_states WHERE run_id = @runId GROUP BY run_id, state
                    """, new { runId }, tx, cancellationToken: ct));
        }
        var previous = (await QueryByIdsAsync<(string SampleId, string State)>(c, tx, runId, changed.Select(r => r.SampleId).ToList(), "sample_id, state", ct))
            .ToDictionary(r => r.SampleId, r => r.State, StringComparer.Ordinal);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sample_state_counts (run_id, state, samples) VALUES (@runId, @State, @Delta)
            ON CONFLICT (run_id, state) DO UPDATE SET samples = sample_state_counts.samples + excluded.samples
            """,
            StateCountDeltas.Of(previous, changed).Select(d => new { runId, d.State, d.Delta }), tx, cancellationToken: ct));
        await SqlCommands.InsertRowsAsync(c, tx, "sample_states", ["run_id", "sample_id", "state", "data"],
            changed.Select(r => new object?[] { runId, r.SampleId, r.CurrentState, JsonSerializer.Serialize(r, StoreJson.Options) }),
            "ON CONFLICT (run_id, sample_id) DO UPDATE SET state = excluded.state, data = excluded.data", ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO projection_offsets (run_id, event_offset) VALUES (@runId, @offset)
            ON CONFLICT (run_id) DO UPDATE SET event_offset = excluded.event_offset
            """,
            new { runId, offset }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        _countsKept[runId] = true;
    }

    /// <summary>Selects <paramref name="columns"/> of the rows of <paramref name="sampleIds"/> (those that exist), in chunks.</summary>
    private async Task<List<T>> QueryByIdsAsync<T>(string runId, IReadOnlyCollection<string> sampleIds, string columns, CancellationToken ct)
    {
        if (sampleIds.Count == 0) return [];
        await using var c = await db.OpenAsync(ct);
        return await QueryByIdsAsync<T>(c, null, runId, sampleIds, columns, ct);
    }

    /// <summary>The same on an open connection, inside <paramref name="tx"/> when given.</summary>
    private static async Task<List<T>> QueryByIdsAsync<T>(DbConnection c, DbTransaction? tx, string runId, IReadOnlyCollection<string> sampleIds,
        string columns, CancellationToken ct)
    {
        var found = new List<T>();
        foreach (var chunk in sampleIds.Distinct().Chunk(500))
            found.AddRange(await c.QueryAsync<T>(new CommandDefinition(
                $"SELECT {columns} FROM sample_states WHERE run_id = @runId AND sample_id IN ({string.Join(',', chunk.Select((_, i) => "@s" + i))})",
                Parameters(runId, chunk), tx, cancellationToken: ct)));
        return found;
    }

    private static DynamicParameters Parameters(string runId, IReadOnlyList<string> ids)
    {
        var p = new DynamicParameters(new { runId });
        for (var i = 0; i < ids.Count; i++) p.Add("s" + i, ids[i]);
        return p;
    }

    private static SampleRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<SampleRecord>(json, StoreJson.Options) ?? throw new InvalidDataException("stored sample record is null");
}
