namespace RobustFT.Cluster.Persistence;

/// <summary>The SQL database engines the store speaks (SQLite embedded, PostgreSQL on a cluster).</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
