using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Messages;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The read-model projection on a real journal: events persisted under the samples' persistence ids, tagged
/// with the run, become the read model's rows and offset, exactly once, across restarts. Run against SQLite and
/// PostgreSQL by the two sealed classes below it.</summary>
public abstract class SampleProjectionContract(TestDatabase db, string config) : JournalTestKit(db, config)
{
    private RuntimeServices _services = null!;

    public override async Task InitializeAsync() => _services = await CoordinationServices.CreateAsync(Db);

    [Fact]
    public async Task Tagged_sample_events_become_read_model_rows_with_the_offset_of_the_last_event()
    {
        var (runId, samples) = await RunAsync(4);
        await samples.DriveAsync("s001", SampleStates.Clean);
        await samples.DriveAsync("s002", SampleStates.AwaitingIndex, noisy: true);
        await samples.DriveAsync("s003", SampleStates.Reasoning);
        var projection = Start(runId);

        var offset = await LastOffsetAsync(runId);
        Assert.Equal(offset, await Eventually.ReadAsync(() => _services.Samples.GetOffsetAsync(runId), o => o == offset));
        ExpectMsg<ProjectionAdvanced>(Wait);
        await AssertRowsAsync(runId, samples);
        Assert.Equal(
            new Dictionary<string, int> { [SampleStates.Clean] = 1, [SampleStates.AwaitingIndex] = 1, [SampleStates.Reasoning] = 1 },
            await _services.Samples.CountByStateAsync(runId));
        projection.Shutdown();
    }

    [Fact]
    public async Task A_restarted_projection_resumes_after_its_stored_offset_without_skipping_or_applying_an_event_twice()
    {
        var (runId, samples) = await RunAsync(3);
        await samples.DriveAsync("s002", SampleStates.Detecting);
        await samples.DriveAsync("s001", SampleStates.Embedding, noisy: true); // the last event: s001's reasoning answer
        var first = Start(runId);
        var before = await LastOffsetAsync(runId);
        await Eventually.ReadAsync(() => _services.Samples.GetOffsetAsync(runId), o => o == before);
        first.Shutdown();
        await Task.Delay(300); // the first projection's stream is gone before anything new is written

        await samples.DriveAsync("s001", SampleStates.AwaitingIndex, noisy: true);
        await samples.DriveAsync("s002", SampleStates.Clean);
        await samples.DriveAsync("s003", SampleStates.Embedding, noisy: true);
        Assert.Equal(before, await _services.Samples.GetOffsetAsync(runId));
        Assert.Equal(SampleStates.Embedding, (await _services.Samples.GetAsync(runId, "s001"))!.CurrentState);

        var second = Start(runId);
        var after = await LastOffsetAsync(runId);
        Assert.Equal(after, await Eventually.ReadAsync(() => _services.Samples.GetOffsetAsync(runId), o => o == after));
        await AssertRowsAsync(runId, samples);
        Assert.Single((await _services.Samples.GetAsync(runId, "s001"))!.ReasoningResponses); // applied twice, it would hold two
        second.Shutdown();
    }

    [Fact]
    public async Task Events_persisted_concurrently_by_many_samples_all_land_exactly_once()
    {
        var (runId, _) = await RunAsync(0);
        var run = await _services.Catalog.GetAsync(runId);
        var projection = Start(runId);
        var ids = run.Samples.Select(s => s.Id).ToList();
        var writers = ids.Select((id, i) => (id, samples: new JournalSamples(Sys, runId, run), noisy: i % 3 == 0)).ToList();
        await Task.WhenAll(writers.Select(w => w.samples.DriveAsync(w.id, w.noisy ? SampleStates.AwaitingIndex : SampleStates.Clean, w.noisy)));

        var offset = await LastOffsetAsync(runId);
        Assert.Equal(offset, await Eventually.ReadAsync(() => _services.Samples.GetOffsetAsync(runId), o => o == offset, TimeSpan.FromSeconds(60)));
        foreach (var (id, samples, _) in writers)
            Assert.Equal(samples.Json(id), System.Text.Json.JsonSerializer.Serialize(await _services.Samples.GetAsync(runId, id), StoreJson.Options));
        Assert.Equal(
            new Dictionary<string, int> { [SampleStates.Clean] = 26, [SampleStates.AwaitingIndex] = 14 },
            await _services.Samples.CountByStateAsync(runId));
        projection.Shutdown();
    }

    /// <summary>A submitted run (40 samples when <paramref name="driven"/> is 0, else that many) and its journal samples.</summary>
    private async Task<(string RunId, JournalSamples Samples)> RunAsync(int driven)
    {
        var runId = await CoordinationServices.SubmitAsync(_services, CoordinationServices.Samples(driven == 0 ? 40 : driven));
        return (runId, new JournalSamples(Sys, runId, await _services.Catalog.GetAsync(runId)));
    }

    private UniqueKillSwitch Start(string runId) =>
        SampleProjection.Start(Sys, Sys.Materializer(), _services, runId, JournalConfig.ReadJournalPluginId, TestActor);

    /// <summary>The offset of the run's last tagged event, read back from the journal.</summary>
    private async Task<long> LastOffsetAsync(string runId)
    {
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(JournalConfig.ReadJournalPluginId);
        var events = await journal.CurrentEventsByTag(SampleEntityId.RunTag(runId), Offset.NoOffset()).RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());
        return ((Sequence)events[^1].Offset).Value;
    }

    private async Task AssertRowsAsync(string runId, JournalSamples samples)
    {
        foreach (var id in samples.Started)
            Assert.Equal(samples.Json(id), System.Text.Json.JsonSerializer.Serialize(await _services.Samples.GetAsync(runId, id), StoreJson.Options));
        Assert.Equal(samples.Started.Count(), (await _services.Samples.StatesAsync(runId)).Count);
    }
}
