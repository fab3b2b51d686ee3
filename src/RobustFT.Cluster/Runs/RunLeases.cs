using Dapper;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// Which coordinator drives which run: a row per run with an owner and an expiry, taken and renewed by one conditional
/// upsert, so exactly one live coordinator drives a run and another takes over once the owner stops renewing. This is
/// a lease in the database the cluster already depends on, not a consensus protocol: a run driven twice for a moment
/// (clock skew, a paused process) is harmless because every coordinator action is idempotent.
/// </summary>
public sealed class RunLeases(IDbConnectionFactory db)
{
    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        SchemaCreation.EnsureAsync(db, SchemaCreation.LockKey("robustft.schema.run_leases"),
            ["CREATE TABLE IF NOT EXISTS run_leases (run_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)"], ct);

    /// <summary>Takes the lease when it is free, expired or already <paramref name="owner"/>'s, and extends it to now +
    /// <paramref name="ttl"/>. Returns whether <paramref name="owner"/> holds it now.</summary>
    public async Task<bool> TryAcquireAsync(string runId, string owner, TimeSpan ttl, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var c = await db.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_leases (run_id, owner, expires_at) VALUES (@runId, @owner, @expires)
            ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE run_leases.owner = excluded.owner OR run_leases.expires_at < @now
            """,
            new { runId, owner, expires = now + (long)ttl.TotalMilliseconds, now }, cancellationToken: ct));
        return changed == 1;
    }

    /// <summary>Gives the lease up (the run ended, or the node stops cleanly) so another coordinator need not wait.</summary>
    public async Task ReleaseAsync(string runId, string owner, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_leases WHERE run_id = @runId AND owner = @owner", new { runId, owner }, cancellationToken: ct));
    }

    /// <summary>The current holder of the run's lease, or null when none holds an unexpired one.</summary>
    public async Task<string?> OwnerAsync(string runId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT owner FROM run_leases WHERE run_id = @runId AND expires_at >= @now",
            new { runId, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }
}
