using System.Data.Common;
using System.Text.Json;
using Dapper;
using RobustFT.Cluster.Persistence;
using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>Runs, their input samples and their inference journal, in the same database as the Akka.NET journal and the
/// sample read model (SQLite embedded, PostgreSQL in a cluster). Every write is idempotent so that resumed or
/// redelivered work never duplicates a row.</summary>
public sealed class RunStore(IDbConnectionFactory db)
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY, settings TEXT NOT NULL, phase TEXT NOT NULL, samples INTEGER NOT NULL,
            rejected INTEGER NOT NULL, paused INTEGER NOT NULL, threshold DOUBLE PRECISION NULL, message TEXT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, ended_at TEXT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS samples (
            run_id TEXT NOT NULL, sample_id TEXT NOT NULL, line INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (run_id, sample_id))
        """,
        "CREATE TABLE IF NOT EXISTS inference_journal (run_id TEXT NOT NULL, calls INTEGER NOT NULL, cache_hits INTEGER NOT NULL, tokens INTEGER NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ix_inference_journal_run ON inference_journal (run_id)",
        "CREATE TABLE IF NOT EXISTS inference_cache (cache_key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS run_segments (
            run_id TEXT NOT NULL, segment_id TEXT NOT NULL, started_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
            PRIMARY KEY (run_id, segment_id))
        """,
    ];

    private const string SelectRuns =
        "SELECT run_id AS RunId, settings AS Settings, phase AS Phase, samples AS Samples, rejected AS Rejected, paused AS Paused, " +
        "threshold AS Threshold, message AS Message, created_at AS CreatedAt, updated_at AS UpdatedAt, ended_at AS EndedAt FROM runs";

    public IDbConnectionFactory Connections => db;

    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        await SchemaCreation.EnsureAsync(db, SchemaCreation.LockKey("robustft.schema.runs"), Schema, ct);
        await AddEndedAtColumnAsync(ct);
    }

    /// <summary>Stores written before runs had an end marker lack <c>runs.ended_at</c>: add it, so those runs resume.</summary>
    private async Task AddEndedAtColumnAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        if (await EndedAtExistsAsync(c, ct)) return;
        try
        {
            await c.ExecuteAsync(new CommandDefinition("ALTER TABLE runs ADD COLUMN ended_at TEXT NULL", cancellationToken: ct));
        }
        catch (DbException)
        {
            if (!await EndedAtExistsAsync(c, ct)) throw; // else another process added it meanwhile
        }
    }

    private Task<bool> EndedAtExistsAsync(DbConnection c, CancellationToken ct) =>
        SchemaCatalog.ColumnExistsAsync(c, null, db.Dialect, "runs", "ended_at", ct);

    /// <summary>Creates the run unless it exists; returns the stored run either way.</summary>
    public async Task<RunRecord> CreateOrGetAsync(RunSettings settings, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        await using (var c = await db.OpenAsync(ct))
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO runs (run_id, settings, phase, samples, rejected, paused, threshold, message, created_at, updated_at)
                VALUES (@RunId, @Settings, @Phase, 0, 0, 0, NULL, NULL, @Now, @Now) ON CONFLICT (run_id) DO NOTHING
                """,
                new { settings.RunId, Settings = JsonSerializer.Serialize(settings, StoreJson.Options), Phase = nameof(RunPhase.Ingesting), Now = now },
                cancellationToken: ct));
        }
        return await GetAsync(settings.RunId, ct) ?? throw new InvalidOperationException($"run {settings.RunId} vanished after insert");
    }

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            SelectRuns + " WHERE run_id = @runId",
            new { runId }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<RunRow>(new CommandDefinition(
            SelectRuns + " ORDER BY created_at",
            cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Moves the run forward to <paramref name="phase"/>; never backwards. Returns whether it moved.</summary>
    public async Task<bool> AdvancePhaseAsync(string runId, RunPhase phase, string? message = null, CancellationToken ct = default)
    {
        var current = await GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run {runId}");
        if (current.Phase >= phase) return false;
        await using var c = await db.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET phase = @Phase, message = COALESCE(@message, message), updated_at = @Now WHERE run_id = @runId AND phase = @From",
            new { runId, Phase = phase.ToString(), From = current.Phase.ToString(), message, Now = DateTimeOffset.UtcNow.ToString("O") },
            cancellationToken: ct));
        return changed == 1;
    }

    /// <summary>Cancels the run unless it already ended: workers stop taking its requests and the coordinator exports what
    /// is finished, marked partial. Returns whether this call cancelled it.</summary>
    public async Task<bool> CancelAsync(string runId, string reason = "cancelled by operator", CancellationToken ct = default)
    {
        var current = await GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run {runId}");
        if (current.Phase >= RunPhase.Completed) return false;
        return await AdvancePhaseAsync(runId, RunPhase.Cancelled, reason, ct);
    }

    /// <summary>Records that the coordinator finished with the run (exports written, or the failure recorded).</summary>
    public async Task MarkEndedAsync(string runId, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET ended_at = COALESCE(ended_at, @now), updated_at = @now WHERE run_id = @runId",
            new { runId, now }, cancellationToken: ct));
    }

    /// <summary>Runs a coordinator must drive: submitted (past ingestion) and not yet ended.</summary>
    public async Task<IReadOnlyList<string>> ListUnendedAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var ids = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT run_id FROM runs WHERE ended_at IS NULL AND phase <> @Ingesting ORDER BY created_at",
            new { Ingesting = nameof(RunPhase.Ingesting) }, cancellationToken: ct));
        return ids.ToList();
    }

    public async Task SetIngestedAsync(string runId, int samples, int rejected, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET samples = @samples, rejected = @rejected, updated_at = @Now WHERE run_id = @runId",
            new { runId, samples, rejected, Now = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken: ct));
    }

    public async Task SetThresholdAsync(string runId, double threshold, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET threshold = @threshold, updated_at = @Now WHERE run_id = @runId",
            new { runId, threshold = double.IsFinite(threshold) ? threshold : (double?)null, Now = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken: ct));
    }

    public async Task SetPausedAsync(string runId, bool paused, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET paused = @paused, updated_at = @Now WHERE run_id = @runId",
            new { runId, paused = paused ? 1 : 0, Now = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken: ct));
    }

    /// <summary>Stores the run's input samples; samples already stored are left as they are.</summary>
    public async Task InsertSamplesAsync(string runId, IReadOnlyList<Sample> samples, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        foreach (var chunk in samples.Chunk(500))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            await SqlCommands.InsertRowsAsync(c, tx, "samples", ["run_id", "sample_id", "line", "data"],
                chunk.Select(s => new object?[] { runId, s.Id, s.Line, JsonSerializer.Serialize(s, StoreJson.Options) }),
                "ON CONFLICT (run_id, sample_id) DO NOTHING", ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>The run's samples in input order.</summary>
    public async Task<IReadOnlyList<Sample>> LoadSamplesAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM samples WHERE run_id = @runId ORDER BY line, sample_id", new { runId }, cancellationToken: ct));
        return rows.Select(DeserializeSample).ToList();
    }

    public async Task<int> CountSamplesAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM samples WHERE run_id = @runId", new { runId }, cancellationToken: ct));
    }

    /// <summary>Appends one entry to the inference journal (one per worker batch, never a shared counter row).</summary>
    public async Task RecordInferenceAsync(string runId, int calls, int cacheHits, long tokens, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inference_journal (run_id, calls, cache_hits, tokens, at) VALUES (@runId, @calls, @cacheHits, @tokens, @Now)",
            new { runId, calls, cacheHits, tokens, Now = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken: ct));
    }

    public async Task<InferenceTotals> GetInferenceTotalsAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleAsync<(long? Calls, long? Hits, long? Tokens)>(new CommandDefinition(
            "SELECT SUM(calls), SUM(cache_hits), SUM(tokens) FROM inference_journal WHERE run_id = @runId", new { runId }, cancellationToken: ct));
        return new InferenceTotals(row.Calls ?? 0, row.Hits ?? 0, row.Tokens ?? 0);
    }

    /// <summary>Opens a running segment: a coordinator starts (or resumes) driving the run. Returns the segment's id for
    /// <see cref="TouchSegmentAsync"/>.</summary>
    public async Task<string> StartSegmentAsync(string runId, CancellationToken ct = default)
    {
        var segmentId = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.ToString("O");
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO run_segments (run_id, segment_id, started_at, last_seen_at) VALUES (@runId, @segmentId, @now, @now)",
            new { runId, segmentId, now }, cancellationToken: ct));
        return segmentId;
    }

    /// <summary>Extends the segment to now; a process killed mid-run leaves its segment ending at its last touch.</summary>
    public async Task TouchSegmentAsync(string runId, string segmentId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE run_segments SET last_seen_at = @Now WHERE run_id = @runId AND segment_id = @segmentId",
            new { runId, segmentId, Now = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken: ct));
    }

    /// <summary>The time the run was running: the union of its segments, so overlapping segments (a coordinator taking
    /// over while the old one's last touch is still recent) count once.</summary>
    public async Task<TimeSpan> GetRunningTimeAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Start, string End)>(new CommandDefinition(
            "SELECT started_at, last_seen_at FROM run_segments WHERE run_id = @runId", new { runId }, cancellationToken: ct));
        return RunningTime.Union(rows.Select(r => (Parse(r.Start), Parse(r.End))));
    }

    private static DateTimeOffset Parse(string stored) => DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);

    internal static Sample DeserializeSample(string json) =>
        JsonSerializer.Deserialize<Sample>(json, StoreJson.Options) ?? throw new InvalidDataException("stored sample is null");

    private sealed class RunRow
    {
        public string RunId { get; set; } = "";
        public string Settings { get; set; } = "";
        public string Phase { get; set; } = "";
        public long Samples { get; set; }
        public long Rejected { get; set; }
        public long Paused { get; set; }
        public double? Threshold { get; set; }
        public string? Message { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public string? EndedAt { get; set; }

        public RunRecord ToRecord() => new(
            RunId,
            JsonSerializer.Deserialize<RunSettings>(Settings, StoreJson.Options)!,
            Enum.Parse<RunPhase>(Phase),
            (int)Samples, (int)Rejected, Paused != 0, Threshold, Message,
            Parse(CreatedAt), Parse(UpdatedAt), EndedAt is null ? null : Parse(EndedAt));
    }
}
