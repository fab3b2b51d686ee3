using System.Text;
using System.Text.RegularExpressions;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// The SQL text of the saga table for one dialect and table name. Pure: builds strings, touches no database.
/// Parameters are named <c>@id</c>, <c>@run</c>, <c>@state</c>, <c>@version</c>, <c>@data</c>, <c>@at</c>.
/// </summary>
public sealed partial class SqlSagaStatements
{
    public SqlSagaStatements(SqlDialect dialect, string tableName)
    {
        if (string.IsNullOrEmpty(tableName) || !IdentifierPattern().IsMatch(tableName))
            throw new ArgumentException(
                $"Saga table name '{tableName}' is not a plain SQL identifier (letters, digits, underscore; at most 48 characters, not starting with a digit).",
                nameof(tableName));

        Dialect = dialect;
        TableName = tableName;
        var t = tableName;
        var data = dialect == SqlDialect.Postgres ? "CAST(@data AS jsonb)" : "@data";

        CreateTable = dialect == SqlDialect.Postgres
            ? $"CREATE TABLE IF NOT EXISTS {t} (correlation_id uuid PRIMARY KEY, run_id text NOT NULL, state text NOT NULL, " +
              "version integer NOT NULL, data jsonb NOT NULL, updated_at timestamptz NOT NULL)"
            : $"CREATE TABLE IF NOT EXISTS {t} (correlation_id TEXT NOT NULL PRIMARY KEY, run_id TEXT NOT NULL, state TEXT NOT NULL, " +
              "version INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL)";
        CreateIndex = $"CREATE INDEX IF NOT EXISTS ix_{t}_run_state ON {t} (run_id, state)";
        Insert = $"INSERT INTO {t} (correlation_id, run_id, state, version, data, updated_at) " +
                 $"VALUES (@id, @run, @state, 1, {data}, @at) ON CONFLICT (correlation_id) DO NOTHING";
        SelectById = $"SELECT version, data FROM {t} WHERE correlation_id = @id";
        Update = $"UPDATE {t} SET run_id = @run, state = @state, version = version + 1, data = {data}, updated_at = @at " +
                 "WHERE correlation_id = @id AND version = @version";
        Delete = $"DELETE FROM {t} WHERE correlation_id = @id AND version = @version";
        SelectAll = $"SELECT version, data FROM {t}";
        CountByState = $"SELECT state, COUNT(*) FROM {t} WHERE run_id = @run GROUP BY state";
        ListByRun = $"SELECT version, data FROM {t} WHERE run_id = @run ORDER BY correlation_id";
        ListByRunAndState = $"SELECT version, data FROM {t} WHERE run_id = @run AND state = @state ORDER BY correlation_id";
        SchemaLockKey = SchemaCreation.LockKey($"robustft.saga-schema.{t}");
    }

    public SqlDialect Dialect { get; }

    public string TableName { get; }

    public string CreateTable { get; }

    public string CreateIndex { get; }

    /// <summary>Writes version 1; changes no row when the id is already there.</summary>
    public string Insert { get; }

    public string SelectById { get; }

    /// <summary>Bumps the version; changes no row when <c>@version</c> is no longer the stored one.</summary>
    public string Update { get; }

    public string Delete { get; }

    public string SelectAll { get; }

    public string CountByState { get; }

    public string ListByRun { get; }

    public string ListByRunAndState { get; }

    /// <summary>The PostgreSQL advisory lock that serialises concurrent schema creation for this table.</summary>
    public long SchemaLockKey { get; }

    /// <summary>Ids of a run whose state is one of <paramref name="stateCount"/> parameters <c>@s0</c>, <c>@s1</c>, ….</summary>
    public string ListIdsByRunAndStates(int stateCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateCount, 1);

        var states = new StringBuilder();
        for (var i = 0; i < stateCount; i++)
            states.Append(i == 0 ? "" : ", ").Append("@s").Append(i);

        return $"SELECT correlation_id FROM {TableName} WHERE run_id = @run AND state IN ({states}) ORDER BY correlation_id";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,47}$")]
    private static partial Regex IdentifierPattern();
}
