using System.Data.Common;
using System.Globalization;

namespace RobustFT.Cluster.Persistence;

/// <summary>Command building and value conversion shared by the store's readers and writers (run store, read model,
/// inference cache).</summary>
static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs one statement that returns no rows.</summary>
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Create(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Rows per statement of <see cref="InsertRowsAsync"/>: few enough parameters for SQLite (32,766) and
    /// PostgreSQL (65,535) at a handful of columns.</summary>
    public const int RowsPerInsert = 250;

    /// <summary>Inserts <paramref name="rows"/> (one value per column, in <paramref name="columns"/>' order) with one
    /// multi-row <c>INSERT … VALUES (…), (…) {tail}</c> per <see cref="RowsPerInsert"/> rows: one round trip per chunk,
    /// not per row. <paramref name="tail"/> is the statement's end (an <c>ON CONFLICT</c> clause, or empty).</summary>
    public static async Task InsertRowsAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, string tail, CancellationToken ct)
    {
        var head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            await using var command = Create(connection, transaction, "");
            var values = new System.Text.StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                if (chunk[r].Length != columns.Count)
                    throw new ArgumentException($"row {r} of an insert into {table} has {chunk[r].Length} values for {columns.Count} columns", nameof(rows));
                values.Append(r == 0 ? "(" : ", (");
                for (var k = 0; k < columns.Count; k++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{k}");
                    values.Append(k == 0 ? name : ", " + name);
                    command.With(name, chunk[r][k]);
                }
                values.Append(')');
            }
            command.CommandText = values.Append(' ').Append(tail).ToString();
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>uuid in PostgreSQL, canonical lower-case text in SQLite.</summary>
    public static object Id(SqlDialect dialect, Guid id) =>
        dialect == SqlDialect.Postgres ? id : id.ToString("D");

    public static object Timestamp(SqlDialect dialect, DateTime utc) =>
        dialect == SqlDialect.Postgres ? utc : utc.ToString("O", CultureInfo.InvariantCulture);

    public static Guid ReadId(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            var other => throw new InvalidDataException($"correlation_id holds a {other.GetType().Name}, expected a uuid or text."),
        };
}
