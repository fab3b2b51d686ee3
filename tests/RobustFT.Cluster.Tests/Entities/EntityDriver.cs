using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>One sample's entity under test: test probes play the inference dispatcher, the retriever and the shard
/// (the entity's parent); helpers expect its requests, answer them and read its journal.</summary>
public sealed class EntityDriver
{
    private readonly TestKitBase _kit;

    public EntityDriver(TestKitBase kit, EntityTestRun run, string sampleId)
    {
        _kit = kit;
        Run = run;
        SampleId = sampleId;
        Inference = kit.CreateTestProbe();
        Retriever = kit.CreateTestProbe();
        Parent = kit.CreateTestProbe();
    }

    public EntityTestRun Run { get; }
    public string SampleId { get; }
    public TestProbe Inference { get; }
    public TestProbe Retriever { get; }
    public TestProbe Parent { get; }
    public IActorRef Entity { get; private set; } = ActorRefs.Nobody;

    public string RunId => Run.RunId;
    public string PersistenceId => SampleEntityId.PersistenceId(RunId, SampleId);

    /// <summary>Starts (or, after <see cref="Stop"/>, restarts) the entity of <see cref="SampleId"/>.</summary>
    public IActorRef Start(string? runId = null) => Start(runId, []);

    /// <summary>Starts the entity and hands it <paramref name="first"/> as soon as it exists, before it recovered (as a
    /// shard does with the messages that start an entity).</summary>
    public IActorRef StartWith(params ISampleCommand[] first) => Start(null, first);

    private IActorRef Start(string? runId, IReadOnlyList<ISampleCommand> first)
    {
        var props = SampleEntity.Props(SampleEntityId.For(runId ?? RunId, SampleId), Run.Services, Inference.Ref, Retriever.Ref);
        _kit.Sys.ActorOf(Props.Create(() => new ForwardingParent(props, Parent.Ref, first)));
        Entity = Parent.ExpectMsg<IActorRef>();
        return Entity;
    }

    /// <summary>Stops the entity (as a crash or a passivation would) and waits until it is gone.</summary>
    public void Stop()
    {
        _kit.Watch(Entity);
        _kit.Sys.Stop(Entity);
        _kit.ExpectTerminated(Entity);
        _kit.Unwatch(Entity);
    }

    public void Tell(ISampleCommand command) => Entity.Tell(command);

    /// <summary>What the shard does with a barrier's message for a passivated entity: the entity is stopped (the shard's
    /// PoisonPill) and the message starts it again, from its journal (<see cref="StartWithBarrier"/>).</summary>
    public void Release(ISampleCommand barrier)
    {
        Stop();
        StartWithBarrier(barrier);
    }

    /// <summary>
    /// What a shard does with a barrier's message for an entity that is not running, until the entity took it (its journal
    /// moved on). The shard creates the entity and then tells it the message, so the entity may finish recovering first:
    /// at the barrier without a waiting slot it asks to passivate, and the message, arriving while it passivates, is
    /// handed back. The shard buffers a handed-back message and starts the entity again with it once it stopped; so does
    /// this driver (the entity's Passivate and hand-back are consumed here).
    /// </summary>
    public void StartWithBarrier(ISampleCommand barrier)
    {
        var waiting = StateInJournal();
        var deadline = DateTime.UtcNow + ExpectTimeout;
        while (true)
        {
            StartWith(barrier);
            while (StateInJournal() == waiting && !Parent.HasMessages)
            {
                if (DateTime.UtcNow > deadline) Assert.Fail($"the entity neither took {barrier} nor handed it back within {ExpectTimeout}");
                Thread.Sleep(10);
            }
            if (StateInJournal() != waiting) return;
            Parent.ExpectMsg<Passivate>();
            Assert.Equal(barrier, Parent.ExpectMsg<ISampleCommand>());
            Stop();
        }
    }

    private TimeSpan ExpectTimeout => _kit.TestKitSettings.SingleExpectDefault;

    public void StartSample() => Tell(new StartSample(RunId, SampleId));

    /// <summary>Expects the generation request of <paramref name="step"/>, sent by the entity.</summary>
    public GenerateRequest ExpectGenerate(string step)
    {
        var request = Inference.ExpectMsg<GenerateRequest>();
        Assert.Equal((step, RunId, SampleId), (request.Step, request.RunId, request.SampleId));
        Assert.Equal($"{RunId}/{SampleId}/{step}", request.RequestId);
        Assert.Equal(Entity, Inference.LastSender);
        return request;
    }

    /// <summary>Asserts that two generation requests are the same request: id, prompt and generation options (seed
    /// included), hence the same inference-cache key.</summary>
    public static void AssertSameRequest(GenerateRequest expected, GenerateRequest actual)
    {
        Assert.Equal((expected.RequestId, expected.Step), (actual.RequestId, actual.Step));
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(expected.Options with { StopStrings = null }, actual.Options with { StopStrings = null });
        Assert.Equal(expected.Options.StopStrings ?? [], actual.Options.StopStrings ?? []);
    }

    public EmbedRequest ExpectEmbed()
    {
        var request = Inference.ExpectMsg<EmbedRequest>();
        Assert.Equal($"{RunId}/{SampleId}/{SampleSteps.Embed}", request.RequestId);
        Assert.Equal(Entity, Inference.LastSender);
        return request;
    }

    public RetrieveRequest ExpectRetrieve()
    {
        var request = Retriever.ExpectMsg<RetrieveRequest>();
        Assert.Equal((RunId, SampleId), (request.RunId, request.SampleId));
        Assert.Equal(Entity, Retriever.LastSender);
        return request;
    }

    public void ExpectPassivation()
    {
        var passivate = Parent.ExpectMsg<Passivate>();
        Assert.Same(PoisonPill.Instance, passivate.StopMessage);
        Assert.Equal(Entity, Parent.LastSender);
    }

    /// <summary>No request leaves and the shard hears nothing for a moment.</summary>
    public void ExpectQuiet(int milliseconds = 300)
    {
        Inference.ExpectNoMsg(TimeSpan.FromMilliseconds(milliseconds));
        Retriever.ExpectNoMsg(TimeSpan.Zero);
        Parent.ExpectNoMsg(TimeSpan.Zero);
    }

    public GenerateCompleted Completed(GenerateRequest request, string text, float[]? logprobs = null, string? error = null) =>
        new(request.RequestId, request.RunId, request.SampleId, request.Step, text, logprobs ?? [-0.1f, -0.2f], FromCache: false, error);

    public void Answer(GenerateRequest request, string text, float[]? logprobs = null, string? error = null) =>
        Tell(Completed(request, text, logprobs, error));

    public void AnswerEmbed(EmbedRequest request, float[]? vector = null, string? error = null) =>
        Tell(new EmbedCompleted(request.RequestId, RunId, SampleId, vector ?? [0.6f, 0.8f], FromCache: false, error));

    public void AnswerRetrieve(string[] neighbours, string? error = null) => Tell(new RetrieveCompleted(RunId, SampleId, neighbours, error));

    /// <summary>Drives a fresh sample through detection as noisy (answers disagree with its label) to AwaitingIndex,
    /// where it passivates (no waiting slot).</summary>
    public void DetectNoisy(string wrongAnswer = "Answer: A")
    {
        ReachAwaitingIndex(wrongAnswer);
        ExpectPassivation();
    }

    /// <summary>Drives a fresh sample through detection as noisy to AwaitingIndex and expects nothing more.</summary>
    public void ReachAwaitingIndex(string wrongAnswer = "Answer: A")
    {
        StartSample();
        Answer(ExpectGenerate(SampleSteps.Base), wrongAnswer);
        Answer(ExpectGenerate(SampleSteps.Reasoning), wrongAnswer);
        AnswerEmbed(ExpectEmbed());
    }

    /// <summary>The events in the entity's journal, read back as recovery reads them.</summary>
    public IReadOnlyList<Samples.Events.ISampleEvent> Journal()
    {
        var probe = _kit.CreateTestProbe();
        _kit.Sys.ActorOf(Props.Create(() => new JournalReader(PersistenceId, probe.Ref)));
        return probe.ExpectMsg<RecoveredEvents>().Events;
    }

    /// <summary>The state the journal's events lead to (what the projection computes), or null with no events.</summary>
    public SampleRecord? RecordInJournal()
    {
        SampleRecord? record = null;
        foreach (var e in Journal()) record = SampleJourney.Apply(record, e, Run.Run);
        return record;
    }

    public string? StateInJournal() => RecordInJournal()?.CurrentState;
}
