using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

public sealed class SqlSagaStatementsTests
{
    [Fact]
    public void The_state_list_query_has_one_parameter_per_state()
    {
        var statements = new SqlSagaStatements(SqlDialect.Sqlite, "sagas");

        Assert.EndsWith("WHERE run_id = @run AND state IN (@s0, @s1, @s2) ORDER BY correlation_id", statements.ListIdsByRunAndStates(3));
    }

    [Fact]
    public void Postgres_stores_the_id_as_uuid_and_the_data_as_jsonb_and_sqlite_as_text()
    {
        Assert.Contains("correlation_id uuid PRIMARY KEY", new SqlSagaStatements(SqlDialect.Postgres, "sagas").CreateTable);
        Assert.Contains("data jsonb", new SqlSagaStatements(SqlDialect.Postgres, "sagas").CreateTable);
        Assert.Contains("correlation_id TEXT NOT NULL PRIMARY KEY", new SqlSagaStatements(SqlDialect.Sqlite, "sagas").CreateTable);
    }

    [Fact]
    public void The_schema_lock_key_is_stable_per_table_and_differs_between_tables()
    {
        Assert.Equal(new SqlSagaStatements(SqlDialect.Postgres, "sagas").SchemaLockKey, new SqlSagaStatements(SqlDialect.Postgres, "sagas").SchemaLockKey);
        Assert.NotEqual(new SqlSagaStatements(SqlDialect.Postgres, "sagas").SchemaLockKey, new SqlSagaStatements(SqlDialect.Postgres, "samples").SchemaLockKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9sagas")]
    [InlineData("sagas x")]
    [InlineData("public.sagas")]
    public void Table_names_other_than_plain_identifiers_are_refused(string tableName)
    {
        Assert.Throws<ArgumentException>(() => new SqlSagaStatements(SqlDialect.Postgres, tableName));
    }
}
