using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Dapper;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>A store whose journal was written with Akka.Persistence.Sql's tag table (the runtime before tags moved into
/// the journal rows) is converted before Akka starts: events by tag then come from the journal rows, old and new in
/// order, on a real SQLite file and a real PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalTagMigrationTests(PostgresFixture postgres)
{
    private const string Tag = "run-0123456789abcdef";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Events_tagged_in_the_old_tag_table_are_read_by_tag_after_the_migration_with_the_new_ones_in_order(string dialect)
    {
        var (connections, connectionString, provider, cleanup) = await StoreAsync(dialect);
        try
        {
            await WriteAsync(connectionString, provider, "TagTable", "a", ["old-1", "old-2"]);
            await WriteAsync(connectionString, provider, "TagTable", "b", ["other-run"], tag: "run-fedcba9876543210");

            await JournalTagMigration.RunAsync(connections);
            await JournalTagMigration.RunAsync(connections); // every start runs it: the second time it finds nothing to do

            await WriteAsync(connectionString, provider, "Csv", "a", ["new-1"]);
            Assert.Equal(["old-1", "old-2", "new-1"], await EventsByTagAsync(connectionString, provider, Tag));
            Assert.Equal(["other-run"], await EventsByTagAsync(connectionString, provider, "run-fedcba9876543210"));
            await using var c = await connections.OpenAsync();
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tags"));
        }
        finally
        {
            await cleanup();
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_store_without_a_journal_is_left_for_Akka_to_create_with_tags_in_its_rows(string dialect)
    {
        var (connections, connectionString, provider, cleanup) = await StoreAsync(dialect);
        try
        {
            await JournalTagMigration.RunAsync(connections);
            await WriteAsync(connectionString, provider, "Csv", "a", ["first"]);

            Assert.Equal(["first"], await EventsByTagAsync(connectionString, provider, Tag));
        }
        finally
        {
            await cleanup();
        }
    }

    private async Task<(IDbConnectionFactory Connections, string ConnectionString, string Provider, Func<Task> Cleanup)> StoreAsync(string dialect)
    {
        if (dialect == "postgres")
        {
            var connectionString = await postgres.Server.CreateDatabaseAsync("tags_" + Guid.NewGuid().ToString("N")[..12]);
            var factory = new PostgresConnectionFactory(connectionString, ShippedDefaults.PostgresStartupAttempts);
            return (factory, connectionString, "PostgreSQL.15", async () => await factory.DisposeAsync());
        }
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "tags-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "robustft.db");
        return (new SqliteConnectionFactory(path), $"Data Source={path}", "SQLite.MS", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        });
    }

    /// <summary>Persists <paramref name="events"/> for persistence id <paramref name="id"/> in an actor system whose
    /// journal writes tags in <paramref name="tagMode"/>, then shuts it down.</summary>
    private static async Task WriteAsync(string connectionString, string provider, string tagMode, string id, string[] events, string tag = Tag)
    {
        var system = ActorSystem.Create("tags", ConfigurationFactory.ParseString(SqlJournalHocon.For(connectionString, provider, tagMode)));
        try
        {
            var writer = system.ActorOf(Props.Create(() => new TaggedEventWriter(id, tag)));
            foreach (var e in events) Assert.Equal("done", await writer.Ask<string>(e, TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<IReadOnlyList<string>> EventsByTagAsync(string connectionString, string provider, string tag)
    {
        var system = ActorSystem.Create("tags", ConfigurationFactory.ParseString(SqlJournalHocon.For(connectionString, provider)));
        try
        {
            var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlJournalHocon.ReadJournalPluginId);
            var events = await journal.CurrentEventsByTag(tag, Offset.NoOffset())
                .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer()).WaitAsync(TimeSpan.FromSeconds(30));
            return events.Select(e => (string)e.Event).ToList();
        }
        finally
        {
            await system.Terminate();
        }
    }
}
