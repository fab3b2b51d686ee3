using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>Akka configuration for actor tests on a real journal: Akka.Persistence.Sql journal, snapshot store and read
/// journal (tables created on first use) in the test's own SQLite file, or in the shared PostgreSQL server; events
/// through the project's serializer (the shipped bindings), as on a node.</summary>
public static class JournalConfig
{
    public const string ReadJournalPluginId = SqlJournalHocon.ReadJournalPluginId;

    public static string For(TestDatabase db, string? postgresConnectionString = null) => db.Connections switch
    {
        SqliteConnectionFactory sqlite => Hocon($"Data Source={sqlite.DatabasePath}", "SQLite.MS"),
        PostgresConnectionFactory when postgresConnectionString is not null => Hocon(postgresConnectionString, "PostgreSQL.15"),
        _ => throw new ArgumentException($"no journal configuration for {db.Connections.Describe()}"),
    };

    private static string Hocon(string connectionString, string provider) =>
        "akka.loglevel = WARNING\n" + SqlJournalHocon.For(connectionString, provider) + "\n" + AkkaSettings.ShippedSerialization();
}
