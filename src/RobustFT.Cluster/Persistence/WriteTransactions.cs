using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RobustFT.Cluster.Persistence;

/// <summary>Write transactions that queue instead of failing on a busy SQLite file.</summary>
public static class WriteTransactions
{
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
