using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>The entity on the journal a node uses: Akka.Persistence.Sql on a real SQLite file (the run's database), its
/// events through the project's serializer (the shipped bindings). A new ActorSystem on the same file — a restarted process — recovers every
/// field of the sample (float[] log-probabilities and embedding, string[] neighbours) and carries on.</summary>
public sealed class SampleEntitySqliteJournalTests
{
    private const string Sample = "s1";

    [Fact]
    public async Task A_sample_persisted_to_sqlite_recovers_in_a_new_actor_system_with_every_field_and_resends_its_outstanding_request()
    {
        await using var run = await EntityTestRun.CreateAsync();
        SampleRecord before;
        GenerateRequest outstanding;
        using (var first = new TestKit(ConfigurationFactory.ParseString(EntityConfig.Sqlite(run.DatabasePath)), "first"))
        {
            var sample = new EntityDriver(first, run, Sample);
            sample.Start();
            sample.StartSample();
            sample.Answer(sample.ExpectGenerate(SampleSteps.Base), "Answer: A", [-0.125f, -1.5f]);
            sample.Answer(sample.ExpectGenerate(SampleSteps.Reasoning), "Reasoning… Answer: A", [-0.25f]);
            sample.AnswerEmbed(sample.ExpectEmbed(), [0.28f, -0.96f]);
            sample.ExpectPassivation();
            sample.Release(new IndexReady(run.RunId, Sample));
            sample.ExpectRetrieve();
            sample.AnswerRetrieve(["s3", "s2"]);
            sample.Answer(sample.ExpectGenerate(SampleSteps.Context), "Answer: C", [-0.7f, -0.05f, -1.25f]);
            outstanding = sample.ExpectGenerate(SampleSteps.Review);
            before = sample.RecordInJournal()!;
            Assert.Equal(SampleStates.Reviewing, before.CurrentState);

            // The run's tag on every event: what the coordinator's projection reads.
            var tagged = await PersistenceQuery.Get(first.Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
                .CurrentEventsByTag(SampleEntityId.RunTag(run.RunId), Offset.NoOffset())
                .RunWith(Sink.Seq<EventEnvelope>(), first.Sys.Materializer());
            Assert.Equal(sample.Journal().Select(e => e.GetType()), tagged.Select(e => e.Event.GetType()));
            Assert.All(tagged, e => Assert.Equal(SampleEntityId.PersistenceId(run.RunId, Sample), e.PersistenceId));
        }

        using var second = new TestKit(ConfigurationFactory.ParseString(EntityConfig.Sqlite(run.DatabasePath)), "second");
        var resumed = new EntityDriver(second, run, Sample);
        resumed.Start();

        EntityDriver.AssertSameRequest(outstanding, resumed.ExpectGenerate(SampleSteps.Review));
        var after = resumed.RecordInJournal()!;
        Assert.Equal((before.CurrentState, before.BaseAnswer, before.ReasoningAnswer, before.Clean, before.ContextAnswer, before.Entropy),
            (after.CurrentState, after.BaseAnswer, after.ReasoningAnswer, after.Clean, after.ContextAnswer, after.Entropy));
        Assert.Equal([0.28f, -0.96f], after.Embedding!);
        Assert.Equal(["s3", "s2"], after.Neighbours!);
        var context = Assert.IsType<GenerationRecorded>(resumed.Journal().Single(e => e is GenerationRecorded { Step: SampleSteps.Context }));
        Assert.Equal([-0.7f, -0.05f, -1.25f], context.Logprobs);

        resumed.Answer(outstanding, "Answer: C");
        resumed.ExpectPassivation();
        resumed.Release(new SelectionDecided(run.RunId, Sample, Rank: 2, Selected: true, Threshold: 0.4));
        resumed.ExpectPassivation();
        var final = resumed.RecordInJournal()!;
        Assert.Equal((SampleStates.Selected, "C", 2), (final.CurrentState, final.FinalLabel, final.Rank));
        Assert.Equal(9, resumed.Journal().Count);
    }

    [Fact]
    public async Task Every_request_an_entity_sends_and_every_result_and_event_round_trip_through_the_default_serializer()
    {
        await using var run = await EntityTestRun.CreateAsync(ShippedDefaults.Config.Method() with { ReasoningRounds = 2 });
        using var kit = new TestKit(EntityConfig.InMemory);
        var record = new SampleRecord
        {
            RunId = run.RunId, SampleId = Sample, BaseResponse = "Answer: A", BaseAnswer = "A", ReasoningResponses = ["Answer: A"], ReasoningAnswer = "A",
            Embedding = [0.6f, -0.8f], Neighbours = ["s2", "s3"], ContextResponse = "Answer: C", ContextAnswer = "C",
        };
        var requests = SampleStates.Working.Select(state =>
        {
            record.CurrentState = state;
            return SampleRequests.For(record, run.Run)!;
        });
        object[] others =
        [
            new GenerateCompleted("r/s/base", "r", "s", "base", "Answer: B", [-0.5f, -1e-7f], true, null),
            new EmbedCompleted("r/s/embed", "r", "s", [0.6f, -0.8f], false, "encoder failed"),
            new RetrieveCompleted("r", "s", ["a", "b"], null),
            new StartSample("r", "s"),
            new IndexReady("r", "s"),
            new SelectionDecided("r", "s", 4, false, 0.25),
            new SampleStarted("r", "s"),
            new GenerationRecorded("context", "Answer: C", [-0.7f, -0.05f], null),
            new EmbeddingRecorded([0.28f, -0.96f], null),
            new IndexReleased(),
            new NeighboursRecorded(["s3", "s2"], null),
            new SelectionRecorded(2, true, 0.4),
        ];
        foreach (var message in requests.Concat(others))
        {
            var serializer = kit.Sys.Serialization.FindSerializerFor(message);
            var copy = serializer.FromBinary(serializer.ToBinary(message), message.GetType());
            Assert.IsType(message.GetType(), copy);
            Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(message), Newtonsoft.Json.JsonConvert.SerializeObject(copy));
        }
    }
}
