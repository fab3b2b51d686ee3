namespace RobustFT.Cluster.Persistence;

/// <summary>The SQL database engines the saga store speaks.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
