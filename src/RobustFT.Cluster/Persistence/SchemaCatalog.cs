using System.Data.Common;

namespace RobustFT.Cluster.Persistence;

/// <summary>Whether a table or a column exists in a store, asked of the database's catalog (PostgreSQL: the current
/// schema; SQLite: the file), for the schema steps that bring an older store up to date.</summary>
public static class SchemaCatalog
{
    public static Task<bool> TableExistsAsync(DbConnection c, DbTransaction? tx, SqlDialect dialect, string table, CancellationToken ct) =>
        CountAsync(c, tx, dialect == SqlDialect.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", table, null, ct);

    public static Task<bool> ColumnExistsAsync(DbConnection c, DbTransaction? tx, SqlDialect dialect, string table, string column, CancellationToken ct) =>
        CountAsync(c, tx, dialect == SqlDialect.Postgres
            ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column"
            : "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", table, column, ct);

    private static async Task<bool> CountAsync(DbConnection c, DbTransaction? tx, string sql, string table, string? column, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, sql).With("@table", table);
        if (column is not null) command.With("@column", column);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false)) > 0;
    }
}
