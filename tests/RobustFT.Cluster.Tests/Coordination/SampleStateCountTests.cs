using Dapper;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The read model keeps each run's count of samples per state in the projection's transaction, on a real
/// SQLite file and PostgreSQL; the counts always equal a GROUP BY over the run's rows, and a store written before the
/// counts table gets them from its rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SampleStateCountTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Counts_follow_every_batch_of_state_changes_and_equal_the_rows_of_the_run_only(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var readModel = (await CoordinationServices.CreateAsync(db)).Samples;
        var run = TestDatabase.UniqueId("run");
        var other = TestDatabase.UniqueId("run");

        await readModel.SaveAsync(run, [Record(run, "s1", SampleStates.Detecting), Record(run, "s2", SampleStates.Detecting)], 2);
        await readModel.SaveAsync(other, [Record(other, "s1", SampleStates.Clean)], 3);
        await readModel.SaveAsync(run, [Record(run, "s1", SampleStates.Clean), Record(run, "s2", SampleStates.AwaitingIndex),
            Record(run, "s3", SampleStates.Detecting)], 6);
        await readModel.SaveAsync(run, [Record(run, "s2", SampleStates.Retrieving), Record(run, "s3", SampleStates.Reasoning)], 8);

        var expected = new Dictionary<string, int> { [SampleStates.Clean] = 1, [SampleStates.Retrieving] = 1, [SampleStates.Reasoning] = 1 };
        Assert.Equal(expected, await readModel.CountByStateAsync(run));
        Assert.Equal(expected, await GroupByAsync(db, run));
        Assert.Equal(new Dictionary<string, int> { [SampleStates.Clean] = 1 }, await readModel.CountByStateAsync(other));
        Assert.Empty(await readModel.CountByStateAsync(TestDatabase.UniqueId("run")));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_run_projected_before_the_counts_table_is_counted_from_its_rows_and_its_next_batch_keeps_counts_from_them(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var run = TestDatabase.UniqueId("run");
        var writer = (await CoordinationServices.CreateAsync(db)).Samples;
        await writer.SaveAsync(run, [Record(run, "s1", SampleStates.Clean), Record(run, "s2", SampleStates.AwaitingIndex),
            Record(run, "s3", SampleStates.AwaitingIndex)], 3);
        await using (var c = await db.Connections.OpenAsync())
            await c.ExecuteAsync("DELETE FROM sample_state_counts WHERE run_id = @run", new { run }); // as an old store has none

        var upgraded = new SampleReadModel(db.Connections); // a node of the new version
        Assert.Equal(await GroupByAsync(db, run), await upgraded.CountByStateAsync(run));

        await upgraded.SaveAsync(run, [Record(run, "s2", SampleStates.Retrieving), Record(run, "s4", SampleStates.Detecting)], 5);
        var expected = new Dictionary<string, int>
            { [SampleStates.Clean] = 1, [SampleStates.AwaitingIndex] = 1, [SampleStates.Retrieving] = 1, [SampleStates.Detecting] = 1 };
        Assert.Equal(expected, await GroupByAsync(db, run));
        await using (var c = await db.Connections.OpenAsync())
            Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sample_state_counts WHERE run_id = @run AND samples <> 0", new { run }));
        Assert.Equal(expected, await upgraded.CountByStateAsync(run));
    }

    [Fact]
    public void A_batch_moves_each_record_out_of_its_previous_state_into_its_new_one_and_leaves_unchanged_states_out()
    {
        var previous = new Dictionary<string, string> { ["a"] = SampleStates.Detecting, ["b"] = SampleStates.Reasoning };
        var changed = new[]
        {
            Record("r", "a", SampleStates.Reasoning), // Detecting -1, Reasoning +1
            Record("r", "b", SampleStates.Checking), // Reasoning -1, Checking +1
            Record("r", "c", SampleStates.Detecting), // new: Detecting +1
        };

        Assert.Equal([(SampleStates.Checking, 1L)], StateCountDeltas.Of(previous, changed));
    }

    private static async Task<Dictionary<string, int>> GroupByAsync(TestDatabase db, string run)
    {
        await using var c = await db.Connections.OpenAsync();
        return (await c.QueryAsync<(string State, long Count)>("SELECT state, COUNT(*) FROM sample_states WHERE run_id = @run GROUP BY state", new { run }))
            .ToDictionary(r => r.State, r => (int)r.Count);
    }

    private static SampleRecord Record(string runId, string sampleId, string state) =>
        new() { RunId = runId, SampleId = sampleId, CurrentState = state };
}
