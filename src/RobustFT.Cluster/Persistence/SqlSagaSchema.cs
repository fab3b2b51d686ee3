using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RobustFT.Cluster.Persistence;

/// <summary>Creates the saga table and its (run_id, state) index. Idempotent and safe when several processes race.</summary>
public static class SqlSagaSchema
{
    public static Task EnsureAsync(IDbConnectionFactory connections, SqlSagaStatements statements, CancellationToken ct = default) =>
        SchemaCreation.EnsureAsync(connections, statements.SchemaLockKey, [statements.CreateTable, statements.CreateIndex], ct);

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
