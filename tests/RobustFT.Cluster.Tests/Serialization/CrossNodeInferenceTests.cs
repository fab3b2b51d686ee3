using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Serialization;
using RobustFT.Cluster.Tests.Workers;
using RobustFT.Cluster.Workers;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>Two actor systems in one cluster over real remoting on 127.0.0.1, both with the shipped serializer
/// bindings: a sample node's dispatcher finds the other node's GPU worker by its published status, and requests,
/// results and the GetWorkers answer cross the network through the project's serializer and arrive intact.</summary>
public sealed class CrossNodeInferenceTests(ITestOutputHelper output)
    : TestKit(SerializationHocon.With(ClusterTestKit.Config), output: output), IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private ActorSystem _gpuNode = null!;
    private WorkerTestStore _store = null!;
    private string _run = null!;

    public async Task InitializeAsync()
    {
        _store = await WorkerTestStore.CreateAsync();
        _run = await _store.CreateRunAsync();
        ClusterTestKit.JoinSelf(Sys);
        _gpuNode = ActorSystem.Create(Sys.Name, Sys.Settings.Config);
        Akka.Cluster.Cluster.Get(_gpuNode).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
        AwaitCondition(() => Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up) == 2, Timeout);
    }

    public async Task DisposeAsync()
    {
        await _gpuNode.Terminate();
        await _store.DisposeAsync();
    }

    private static Address AddressOf(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress;

    [Fact]
    public async Task A_generation_and_an_embedding_served_on_another_node_come_back_intact_through_the_project_serializer()
    {
        var model = new RecordingLanguageModel();
        var dispatcher = Sys.ActorOf(InferenceDispatcher.Props(_store.Services(), Timeout), "inference-dispatcher");
        var services = _store.Services(model, new HashEmbedder(), device: "gpu:b");
        _gpuNode.ActorOf(GpuWorker.Props(services, services.Devices[0], TimeSpan.FromMilliseconds(200)), "gpu-worker");
        var generate = MessageExamples.Generate with { RequestId = $"{_run}/arc-0042/review", RunId = _run };
        var embed = new EmbedRequest($"{_run}/arc-0042/embed", _run, "arc-0042", "Which gas do plants take in for photosynthesis?");
        Assert.IsType<RobustFtSerializer>(Sys.Serialization.FindSerializerFor(generate));
        Assert.IsType<RobustFtSerializer>(_gpuNode.Serialization.FindSerializerFor(new List<WorkerStatus>()));

        // The worker's status crosses DistributedPubSub to the dispatcher.
        await AwaitAssertAsync(async () =>
        {
            var workers = await dispatcher.Ask<IReadOnlyList<WorkerStatus>>(GetWorkers.Instance, Timeout);
            Assert.Contains(workers, w => w.Device == "gpu:b" && w.Address == AddressOf(_gpuNode).ToString() && w.ModelId == "m");
        }, Timeout, TimeSpan.FromMilliseconds(200));

        dispatcher.Tell(generate, TestActor);
        var completed = ExpectMsg<GenerateCompleted>(Timeout);
        dispatcher.Tell(embed, TestActor);
        var embedded = ExpectMsg<EmbedCompleted>(Timeout);

        Assert.Equal(new GenerateCompleted(generate.RequestId, _run, "arc-0042", "review", RecordingLanguageModel.TextFor("arc-0042", "review"),
            RecordingLanguageModel.Logprobs, false, null) with { Logprobs = completed.Logprobs }, completed);
        Assert.Equal(RecordingLanguageModel.Logprobs, completed.Logprobs);
        var served = Assert.Single(Assert.Single(model.Batches));
        Assert.Equal(generate.Messages, served.Messages);
        Assert.Equivalent(generate.Options, served.Options, strict: true);
        Assert.Null(embedded.Error);
        Assert.Equal((await new HashEmbedder().EmbedAsync([embed.Text], CancellationToken.None))[0], embedded.Vector);

        // The dispatcher's answer to GetWorkers (a List<WorkerStatus>) asked from the GPU node.
        var remoteDispatcher = _gpuNode.ActorSelection(new RootActorPath(AddressOf(Sys)) / "user" / "inference-dispatcher");
        var seen = await remoteDispatcher.Ask<IReadOnlyList<WorkerStatus>>(GetWorkers.Instance, Timeout);
        Assert.Equal("gpu:b", Assert.Single(seen).Device);
    }

    [Fact]
    public async Task A_request_with_the_read_only_lists_an_entity_builds_reaches_a_worker_on_another_node_unconverted()
    {
        var services = _store.Services(new RecordingLanguageModel(), device: "gpu:b");
        _gpuNode.ActorOf(GpuWorker.Props(services, services.Devices[0], TimeSpan.FromMilliseconds(200)), "gpu-worker");
        // Collection-expression lists as an entity builds them (Akka's default Newtonsoft serializer could not rebuild them).
        var request = InferenceRequests.Generate(_run, "s1") with { Options = new(MaxNewTokens: 8, StopStrings: ["\n"]) };
        var worker = Sys.ActorSelection(new RootActorPath(AddressOf(_gpuNode)) / "user" / "gpu-worker");

        var completed = await worker.Ask<GenerateCompleted>(request, Timeout);

        Assert.Equal((request.RequestId, RecordingLanguageModel.TextFor("s1", "base"), (string?)null), (completed.RequestId, completed.Text, completed.Error));
    }
}
