using System.Data.Common;
using System.Text;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// Runs a table's <c>CREATE … IF NOT EXISTS</c> statements in one transaction. On PostgreSQL concurrent
/// <c>CREATE TABLE IF NOT EXISTS</c> can still collide in the catalog (<c>pg_type</c>), as when several nodes start
/// together on a fresh database, so the transaction first takes an advisory lock (<see cref="LockKey"/>); SQLite takes
/// its write lock up front.
/// </summary>
public static class SchemaCreation
{
    public static Task EnsureAsync(IDbConnectionFactory connections, long lockKey, IEnumerable<string> statements, CancellationToken ct = default) =>
        RunLockedAsync(connections, lockKey, async (connection, transaction, token) =>
        {
            foreach (var sql in statements) await SqlCommands.ExecuteAsync(connection, transaction, sql, token);
        }, ct);

    /// <summary>Runs <paramref name="work"/> in one write transaction under the schema lock of <paramref name="lockKey"/>
    /// (PostgreSQL: an advisory lock; SQLite: the write lock), then commits.</summary>
    public static async Task RunLockedAsync(IDbConnectionFactory connections, long lockKey,
        Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken ct = default)
    {
        using var writeLease = connections is SqliteConnectionFactory sqlite ? await sqlite.EnterWriteAsync(ct).ConfigureAwait(false) : null;
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await WriteTransactions.BeginWriteAsync(connection, ct).ConfigureAwait(false);

        if (connections.Dialect == SqlDialect.Postgres)
        {
            await using var lockCommand = SqlCommands.Create(connection, transaction, "SELECT pg_advisory_xact_lock(@key)")
                .With("@key", lockKey);
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await work(connection, transaction, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>An advisory lock key for <paramref name="name"/>: FNV-1a, the same in every process (unlike
    /// string.GetHashCode).</summary>
    public static long LockKey(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
