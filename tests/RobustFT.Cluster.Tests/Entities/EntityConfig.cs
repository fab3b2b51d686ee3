using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Tests.Support;

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

    /// <summary>Akka.Persistence.Sql on a SQLite file, tables created on first use, events through the project's
    /// serializer (the shipped bindings) — as on an embedded node.</summary>
    public static string Sqlite(string databasePath) =>
        """
        akka.loglevel = INFO
        akka.test.single-expect-default = 15s # a shared 2-core machine: expectations wait, silences are timed explicitly
        """ + "\n" + SqlJournalHocon.For($"Data Source={databasePath}", "SQLite.MS") + "\n" + AkkaSettings.ShippedSerialization();
}
