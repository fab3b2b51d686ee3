using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>Akka configuration for actor tests on a real journal: Akka.Persistence.Sql journal, snapshot store and read
/// journal (tables created on first use) in the test's own SQLite file, or in the shared PostgreSQL server.</summary>
public static class JournalConfig
{
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sql";

    public static string For(TestDatabase db, string? postgresConnectionString = null) => db.Connections switch
    {
        SqliteConnectionFactory sqlite => Hocon($"Data Source={sqlite.DatabasePath}", "SQLite.MS"),
        PostgresConnectionFactory when postgresConnectionString is not null => Hocon(postgresConnectionString, "PostgreSQL.15"),
        _ => throw new ArgumentException($"no journal configuration for {db.Connections.Describe()}"),
    };

    private static string Hocon(string connectionString, string provider) => $$"""
        akka {
          loglevel = WARNING
          persistence {
            journal {
              plugin = "akka.persistence.journal.sql"
              sql {
                class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                connection-string = "{{connectionString}}"
                provider-name = "{{provider}}"
                auto-initialize = on
              }
            }
            snapshot-store {
              plugin = "akka.persistence.snapshot-store.sql"
              sql {
                class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                connection-string = "{{connectionString}}"
                provider-name = "{{provider}}"
                auto-initialize = on
              }
            }
            query.journal.sql {
              class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
              write-plugin = "akka.persistence.journal.sql"
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              refresh-interval = 50ms
              journal-sequence-retrieval { query-delay = 50ms, max-tries = 200 }
            }
          }
        }
        """;
}
