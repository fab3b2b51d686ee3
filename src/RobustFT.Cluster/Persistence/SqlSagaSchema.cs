using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RobustFT.Cluster.Persistence;

/// <summary>Creates the saga table and its (run_id, state) index. Idempotent and safe when several processes race.</summary>
public static class SqlSagaSchema
{
    public static async Task EnsureAsync(IDbConnectionFactory connections, SqlSagaStatements statements, CancellationToken ct = default)
    {
        using var writeLease = connections is SqliteConnectionFactory sqlite ? await sqlite.EnterWriteAsync(ct).ConfigureAwait(false) : null;
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, ct).ConfigureAwait(false);

        if (statements.Dialect == SqlDialect.Postgres)
        {
            // Concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type; the advisory lock serialises it.
            await using var lockCommand = SqlCommands.Create(connection, transaction, "SELECT pg_advisory_xact_lock(@key)")
                .With("@key", statements.SchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var sql in new[] { statements.CreateTable, statements.CreateIndex })
        {
            await using var command = SqlCommands.Create(connection, transaction, sql);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A write transaction: SQLite takes the write lock up front (BEGIN IMMEDIATE) so writers queue on the busy timeout
    /// instead of failing at commit; PostgreSQL runs READ COMMITTED and relies on the version check.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite)
            return sqlite.BeginTransaction(deferred: false);

        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
    }
}
