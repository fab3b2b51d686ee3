namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Akka configuration of the entity tests.</summary>
public static class EntityConfig
{
    /// <summary>The in-memory journal (kept for the ActorSystem's lifetime, so a restarted entity recovers from it).</summary>
    public const string InMemory = """
        akka.loglevel = INFO
        akka.test.single-expect-default = 15s # a shared 2-core machine: expectations wait, silences are timed explicitly
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>Akka.Persistence.Sql on a SQLite file, tables created on first use (as on an embedded node).</summary>
    public static string Sqlite(string databasePath) => $$"""
        akka.loglevel = INFO
        akka.test.single-expect-default = 15s # a shared 2-core machine: expectations wait, silences are timed explicitly
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = "Data Source={{databasePath}}"
              provider-name = "SQLite.MS"
              auto-initialize = on
            }
          }
          query.journal.sql {
            class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
            write-plugin = "akka.persistence.journal.sql"
            connection-string = "Data Source={{databasePath}}"
            provider-name = "SQLite.MS"
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = "Data Source={{databasePath}}"
              provider-name = "SQLite.MS"
              auto-initialize = on
            }
          }
        }
        """;
}
