using Akka;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Serialization;
using RobustFT.Cluster.Tests.Coordination;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>A SQLite journal written before the project's serializer (Akka's default Newtonsoft JSON: serializer id 1,
/// CLR type names as manifests) is recovered by a node with the shipped bindings; the events it writes after are stored
/// by the project's serializer, and a later recovery reads both kinds in order.</summary>
public sealed class OldJournalCompatibilityTests : IAsyncLifetime
{
    private const string SamplePid = "sample-run-old|arc-0042";
    private const string RunPid = "run-run-old";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TestDatabase _db = TestDatabase.CreateSqlite();

    private string DatabasePath => ((SqliteConnectionFactory)_db.Connections).DatabasePath;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly object[] OldSampleEvents =
    [
        new SampleStarted("run-old", "arc-0042"),
        new GenerationRecorded("base", "Answer: C", [-0.5f, -0.125f], null),
        new GenerationRecorded("reasoning-1", "Because... Answer: B", [-0.25f], null),
        new EmbeddingRecorded([0.6f, 0.8f], null),
        new IndexReleased(),
        new NeighboursRecorded(["arc-0007", "arc-0100"], null),
        new GenerationRecorded("context", "Answer: B", [-0.01f], null),
    ];

    private static readonly object[] OldRunEvents = [new RunPhaseAdvanced(RunPhase.Detecting), new RunPhaseAdvanced(RunPhase.Selecting), new ThresholdDecided(0.25)];

    private static readonly object[] NewSampleEvents = [new GenerationRecorded("review", "Answer: B", [-0.75f], null), new SelectionRecorded(3, true, double.NaN)];

    private static readonly object[] NewRunEvents = [new ThresholdDecided(double.PositiveInfinity), new RunPhaseAdvanced(RunPhase.Failed, "export failed")];

    /// <summary>The journal without the project's bindings: every event through Akka's default serializer.</summary>
    private string OldHocon => "akka.loglevel = WARNING\n" + SqlJournalHocon.For($"Data Source={DatabasePath}", "SQLite.MS");

    private Config OldConfig => ConfigurationFactory.ParseString(OldHocon);

    private Config NewConfig => ConfigurationFactory.ParseString(SerializationHocon.With(OldHocon));

    [Fact]
    public async Task Events_written_by_the_default_serializer_are_recovered_with_the_new_bindings_and_new_events_are_read_after_them()
    {
        int oldSerializer;
        var oldSystem = ActorSystem.Create("old-node", OldConfig);
        try
        {
            oldSerializer = oldSystem.Serialization.FindSerializerFor(OldSampleEvents[0]).Identifier;
            await WriteAsync(oldSystem, SamplePid, OldSampleEvents);
            await WriteAsync(oldSystem, RunPid, OldRunEvents);
        }
        finally
        {
            await oldSystem.Terminate();
        }

        int newSerializer;
        var newSystem = ActorSystem.Create("new-node", NewConfig);
        try
        {
            var serializer = newSystem.Serialization.FindSerializerFor(OldSampleEvents[0]);
            Assert.IsType<RobustFtSerializer>(serializer);
            newSerializer = serializer.Identifier;
            Assert.NotEqual(oldSerializer, newSerializer);

            Assert.Equivalent(OldSampleEvents, await ReadAsync(newSystem, SamplePid), strict: true);
            Assert.Equivalent(OldRunEvents, await ReadAsync(newSystem, RunPid), strict: true);
            await WriteAsync(newSystem, SamplePid, NewSampleEvents);
            await WriteAsync(newSystem, RunPid, NewRunEvents);
        }
        finally
        {
            await newSystem.Terminate();
        }

        var rows = await JournalRowsAsync(SamplePid);
        Assert.Equal(Enumerable.Repeat(oldSerializer, OldSampleEvents.Length).Concat(Enumerable.Repeat(newSerializer, NewSampleEvents.Length)),
            rows.Select(r => r.Serializer));
        Assert.Equal("", rows[0].Manifest); // Newtonsoft names the CLR type inside its JSON ($type)
        Assert.Contains(typeof(SampleStarted).FullName + ", RobustFT.Cluster", rows[0].Payload);
        Assert.Equal(["generation-recorded", "selection-recorded"], rows.Skip(OldSampleEvents.Length).Select(r => r.Manifest));

        var laterSystem = ActorSystem.Create("later-node", NewConfig);
        try
        {
            Assert.Equivalent(OldSampleEvents.Concat(NewSampleEvents), await ReadAsync(laterSystem, SamplePid), strict: true);
            Assert.Equivalent(OldRunEvents.Concat(NewRunEvents), await ReadAsync(laterSystem, RunPid), strict: true);
        }
        finally
        {
            await laterSystem.Terminate();
        }
    }

    private static async Task WriteAsync(ActorSystem system, string persistenceId, IEnumerable<object> events)
    {
        var log = system.ActorOf(EventLog.Props(persistenceId));
        foreach (var e in events) await log.Ask<Done>(e, Timeout);
        await log.GracefulStop(Timeout);
    }

    private static async Task<IReadOnlyList<object>> ReadAsync(ActorSystem system, string persistenceId)
    {
        var log = system.ActorOf(EventLog.Props(persistenceId));
        var events = await log.Ask<IReadOnlyList<object>>(ReadEvents.Instance, Timeout);
        await log.GracefulStop(Timeout);
        return events;
    }

    private async Task<IReadOnlyList<(int Serializer, string Manifest, string Payload)>> JournalRowsAsync(string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT identifier, manifest, message FROM journal WHERE persistence_id = $pid ORDER BY sequence_number";
        command.Parameters.AddWithValue("$pid", persistenceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1), System.Text.Encoding.UTF8.GetString((byte[])reader[2])));
        return rows;
    }
}
