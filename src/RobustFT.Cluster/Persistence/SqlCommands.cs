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
