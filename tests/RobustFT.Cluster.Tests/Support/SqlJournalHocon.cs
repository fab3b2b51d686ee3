namespace RobustFT.Cluster.Tests.Support;

/// <summary>Akka.Persistence.Sql journal, snapshot store and read journal on one database (tables created on first
/// use), for actor tests on a real journal; the read journal polls every 50 ms so tests do not wait on it.</summary>
public static class SqlJournalHocon
{
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sql";

    /// <param name="provider">linq2db provider: "SQLite.MS" or "PostgreSQL.15".</param>
    /// <param name="tagMode">"Csv" as the runtime (hocon/robustft.conf); "TagTable" writes a store as the runtime did
    /// before tags moved into the journal rows.</param>
    public static string For(string connectionString, string provider, string tagMode = "Csv") => $$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              tag-write-mode = {{tagMode}}
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
            tag-read-mode = {{tagMode}}
            refresh-interval = 50ms
            journal-sequence-retrieval { query-delay = 50ms, max-tries = 200 }
          }
        }
        """;
}
