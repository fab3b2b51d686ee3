using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The read-model queries the run actor uses for samples in flight, on a real SQLite file and PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SampleReadModelQueryTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task States_of_given_samples_and_the_first_ids_in_a_state_come_from_the_run_s_rows_only(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var readModel = (await CoordinationServices.CreateAsync(db)).Samples;
        var run = TestDatabase.UniqueId("run");
        var other = TestDatabase.UniqueId("run");
        await readModel.SaveAsync(run, [Record(run, "s3", SampleStates.AwaitingIndex), Record(run, "s1", SampleStates.AwaitingIndex),
            Record(run, "s2", SampleStates.Reasoning), Record(run, "s4", SampleStates.AwaitingIndex)], 7);
        await readModel.SaveAsync(other, [Record(other, "s0", SampleStates.AwaitingIndex)], 8);

        Assert.Equal(
            new Dictionary<string, string> { ["s1"] = SampleStates.AwaitingIndex, ["s2"] = SampleStates.Reasoning },
            await readModel.StatesOfAsync(run, ["s1", "s2", "s9"]));
        Assert.Empty(await readModel.StatesOfAsync(run, []));
        Assert.Equal(["s1", "s3"], await readModel.ListIdsAsync(run, [SampleStates.AwaitingIndex], limit: 2));
        Assert.Equal(["s1", "s3", "s4"], await readModel.ListIdsAsync(run, [SampleStates.AwaitingIndex]));
        Assert.Empty(await readModel.ListIdsAsync(run, [SampleStates.AwaitingIndex], limit: 0));
    }

    private static SampleRecord Record(string runId, string sampleId, string state) =>
        new() { RunId = runId, SampleId = sampleId, CurrentState = state };
}
