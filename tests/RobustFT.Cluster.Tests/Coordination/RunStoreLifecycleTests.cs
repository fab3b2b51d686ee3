using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The parts of <see cref="RunStore"/> the coordinators rely on: cancelling, ending and listing unended runs, on a
/// real SQLite file and the real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunStoreLifecycleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_store_written_before_runs_had_an_end_marker_gets_the_column_and_its_runs_stay_readable()
    {
        await using var db = TestDatabase.CreateSqlite();
        await using (var c = await db.Connections.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c,
                "CREATE TABLE runs (run_id TEXT PRIMARY KEY, settings TEXT NOT NULL, phase TEXT NOT NULL, samples INTEGER NOT NULL, " +
                "rejected INTEGER NOT NULL, paused INTEGER NOT NULL, threshold DOUBLE PRECISION NULL, message TEXT NULL, " +
                "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)");
        }
        var store = new RunStore(db.Connections);
        await store.EnsureSchemaAsync();
        var run = await RunInPhaseAsync(store, RunPhase.Retrieving);
        Assert.False((await store.GetAsync(run))!.Ended);

        await store.EnsureSchemaAsync(); // idempotent once the column exists
        await store.MarkEndedAsync(run);

        Assert.True((await store.GetAsync(run))!.Ended);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Ingesting_more_samples_than_one_statement_holds_stores_each_once_in_input_order_and_repeating_it_adds_nothing(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = await StoreAsync(db);
        var run = await RunInPhaseAsync(store, RunPhase.Ingesting);
        var samples = CoordinationServices.Samples(507); // three multi-row statements of 250 (SqlCommands.RowsPerInsert)

        await store.InsertSamplesAsync(run, samples.Take(300).ToList()); // a crash after the first chunks
        await store.InsertSamplesAsync(run, samples);                     // the ingestion repeated

        Assert.Equal(samples.Count, await store.CountSamplesAsync(run));
        Assert.Equal(samples.Select(x => (x.Id, x.Line, x.Question, x.Label)),
            (await store.LoadSamplesAsync(run)).Select(x => (x.Id, x.Line, x.Question, x.Label)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Cancelling_an_active_run_moves_it_to_cancelled_with_the_reason_once(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = await StoreAsync(db);
        var run = await RunInPhaseAsync(store, RunPhase.Retrieving);

        Assert.True(await store.CancelAsync(run, "stopped by test"));
        Assert.False(await store.CancelAsync(run, "again"));

        var stored = (await store.GetAsync(run))!;
        Assert.Equal((RunPhase.Cancelled, "stopped by test", false), (stored.Phase, stored.Message, stored.Ended));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite, RunPhase.Completed)]
    [InlineData(TestDatabase.Sqlite, RunPhase.Failed)]
    [InlineData(TestDatabase.Postgres, RunPhase.Completed)]
    [InlineData(TestDatabase.Postgres, RunPhase.Failed)]
    public async Task Cancelling_a_finished_run_changes_nothing(string dialect, RunPhase finished)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = await StoreAsync(db);
        var run = await RunInPhaseAsync(store, finished);

        Assert.False(await store.CancelAsync(run));

        Assert.Equal(finished, (await store.GetAsync(run))!.Phase);
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_names_it()
    {
        await using var db = TestDatabase.CreateSqlite();
        var store = await StoreAsync(db);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CancelAsync("no-such-run"));

        Assert.Contains("no-such-run", error.Message);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Unended_runs_are_the_submitted_ones_without_an_end_including_cancelled_ones_awaiting_export(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = await StoreAsync(db);
        var ingesting = await RunInPhaseAsync(store, RunPhase.Ingesting);
        var detecting = await RunInPhaseAsync(store, RunPhase.Detecting);
        var selecting = await RunInPhaseAsync(store, RunPhase.Selecting);
        var cancelled = await RunInPhaseAsync(store, RunPhase.Detecting);
        await store.CancelAsync(cancelled);
        var completedNotMarked = await RunInPhaseAsync(store, RunPhase.Completed);
        var ended = await RunInPhaseAsync(store, RunPhase.Completed);
        await store.MarkEndedAsync(ended);
        var endedCancelled = await RunInPhaseAsync(store, RunPhase.Cancelled);
        await store.MarkEndedAsync(endedCancelled);

        var unended = await store.ListUnendedAsync();

        var expected = new List<string> { detecting, selecting, cancelled, completedNotMarked };
        Assert.Equal(expected, unended.Where(id => expected.Contains(id)).ToList());
        Assert.DoesNotContain(ingesting, unended);
        Assert.DoesNotContain(ended, unended);
        Assert.DoesNotContain(endedCancelled, unended);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Marking_a_run_ended_keeps_the_first_end_time(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var store = await StoreAsync(db);
        var run = await RunInPhaseAsync(store, RunPhase.Completed);
        Assert.False((await store.GetAsync(run))!.Ended);

        await store.MarkEndedAsync(run);
        var first = (await store.GetAsync(run))!;
        await Eventually.ReadAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > first.EndedAt);
        await store.MarkEndedAsync(run);
        var second = (await store.GetAsync(run))!;

        Assert.True(first.Ended);
        Assert.Equal(first.EndedAt, second.EndedAt);
        Assert.True(second.UpdatedAt >= first.UpdatedAt);
    }

    private static async Task<RunStore> StoreAsync(TestDatabase db)
    {
        var store = new RunStore(db.Connections);
        await store.EnsureSchemaAsync();
        return store;
    }

    /// <summary>Creates a run and moves it forward to <paramref name="phase"/>.</summary>
    private static async Task<string> RunInPhaseAsync(RunStore store, RunPhase phase)
    {
        var run = await store.CreateOrGetAsync(TestRunSettings.Create(TestDatabase.UniqueId("run")));
        if (phase != RunPhase.Ingesting) Assert.True(await store.AdvancePhaseAsync(run.RunId, phase));
        return run.RunId;
    }
}
