using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;
using RobustFT.Inference.Abstractions;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The inference dispatcher: finds workers by their statuses on the worker topic, sends each request to the
/// worker with the most free capacity and never above it, queues the rest, answers every requester, re-sends the
/// requests of a stopped or silent worker to another, and balances real workers of different speed by their speed.
/// Fake workers are test probes that publish a status; the others are real <see cref="GpuWorker"/>s over SQLite.</summary>
public sealed class InferenceDispatcherTests(ITestOutputHelper output) : WorkerActorTestKit(output)
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1);

    private IActorRef Dispatcher(TimeSpan? staleAfter = null) => Sys.ActorOf(InferenceDispatcher.Props(Store.Services(), staleAfter ?? StaleAfter));

    private async Task<IReadOnlyList<WorkerStatus>> WorkersOf(IActorRef dispatcher) =>
        await dispatcher.Ask<IReadOnlyList<WorkerStatus>>(GetWorkers.Instance, TimeSpan.FromSeconds(5));

    /// <summary>A test probe that acts as a GPU worker: it publishes a status (until the dispatcher knows it).</summary>
    private async Task<TestProbe> FakeWorkerAsync(IActorRef dispatcher, string device, int capacity)
    {
        var worker = CreateTestProbe(device);
        var status = new WorkerStatus("akka.tcp://fake", device, "cpu", "m", capacity, 0, 0, 0, 0, 0, DateTimeOffset.UtcNow);
        await AwaitAssertAsync(async () =>
        {
            DistributedPubSub.Get(Sys).Mediator.Tell(new Publish(GpuWorker.Topic, status), worker.Ref);
            Assert.Contains(await WorkersOf(dispatcher), s => s.Device == device);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        return worker;
    }

    private async Task<IActorRef> GpuWorkerAsync(IActorRef dispatcher, string device, ILanguageModel model, WorkerOptions? options = null)
    {
        var services = Store.Services(model, options: options, device: device);
        var worker = Sys.ActorOf(GpuWorker.Props(services, services.Devices[0], StatusInterval), device);
        await AwaitAssertAsync(async () => Assert.Contains(await WorkersOf(dispatcher), s => s.Device == device), TimeSpan.FromSeconds(10));
        return worker;
    }

    /// <summary>Sends <paramref name="requests"/> generations through a dispatcher to two real workers whose calls take
    /// <paramref name="fastCall"/> and <paramref name="slowCall"/> (one call at a time, at most
    /// <paramref name="maxBatchSize"/> requests); asserts every request was answered once without error.</summary>
    private async Task<(PacedLanguageModel Fast, PacedLanguageModel Slow)> ServeOnFastAndSlowWorkersAsync(int requests, int maxBatchSize,
        TimeSpan fastCall, TimeSpan slowCall)
    {
        // Statuses late by over a second on a loaded machine must not count a busy worker as gone (its requests would
        // then be served twice, correctly, and the shares would not add up): these tests are about shares, not staleness.
        var dispatcher = Dispatcher(staleAfter: TimeSpan.FromSeconds(30));
        var options = ShippedDefaults.Config.Worker() with { MaxBatchSize = maxBatchSize, ConcurrentBatches = 1, GenerationCalls = 1 };
        var fast = new PacedLanguageModel(fastCall);
        var slow = new PacedLanguageModel(slowCall);
        await GpuWorkerAsync(dispatcher, "fast", fast, options);
        await GpuWorkerAsync(dispatcher, "slow", slow, options);

        for (var i = 0; i < requests; i++) dispatcher.Tell(InferenceRequests.Generate(Run, $"s{i:D3}"));
        var results = ReceiveN(requests, TimeSpan.FromSeconds(60)).Cast<GenerateCompleted>().ToList();

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(requests, results.Select(r => r.RequestId).Distinct().Count());
        return (fast, slow);
    }

    private GenerateCompleted Answer(GenerateRequest r) => new(r.RequestId, r.RunId, r.SampleId, r.Step, "A", [], false, null);

    [Fact]
    public async Task A_request_goes_to_a_worker_and_its_result_to_every_requester_of_that_id()
    {
        var dispatcher = Dispatcher();
        var worker = await FakeWorkerAsync(dispatcher, "gpu:0", capacity: 4);
        var first = CreateTestProbe();
        var second = CreateTestProbe();

        dispatcher.Tell(InferenceRequests.Generate(Run, "s1"), first.Ref);
        var request = worker.ExpectMsg<GenerateRequest>();
        dispatcher.Tell(InferenceRequests.Generate(Run, "s1"), second.Ref); // the entity's retry after its timeout
        worker.ExpectMsg<GenerateRequest>(r => r.RequestId == request.RequestId);
        dispatcher.Tell(Answer(request), worker.Ref);

        Assert.Equal(request.RequestId, first.ExpectMsg<GenerateCompleted>().RequestId);
        Assert.Equal(request.RequestId, second.ExpectMsg<GenerateCompleted>().RequestId);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Requests_beyond_every_workers_capacity_wait_in_the_dispatcher_first_come_first_served()
    {
        var dispatcher = Dispatcher();
        var worker = await FakeWorkerAsync(dispatcher, "gpu:0", capacity: 2);

        foreach (var id in new[] { "s1", "s2", "s3", "s4", "s5" }) dispatcher.Tell(InferenceRequests.Generate(Run, id));
        var held = new[] { worker.ExpectMsg<GenerateRequest>(), worker.ExpectMsg<GenerateRequest>() };
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        dispatcher.Tell(Answer(held[0]), worker.Ref);
        var third = worker.ExpectMsg<GenerateRequest>();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["s1", "s2"], held.Select(r => r.SampleId));
        Assert.Equal("s3", third.SampleId);
        Assert.Equal("s1", ExpectMsg<GenerateCompleted>().SampleId);
    }

    [Fact]
    public async Task Each_sample_node_s_dispatcher_keeps_its_share_of_a_worker_s_capacity_and_the_whole_once_the_others_left()
    {
        var dispatcher = Dispatcher();
        var worker = await FakeWorkerAsync(dispatcher, "gpu:0", capacity: 8);
        var status = new WorkerStatus("akka.tcp://fake", "gpu:0", "cpu", "m", 8, 0, 0, 0, 0, 0, DateTimeOffset.UtcNow);
        await using var alive = new Timer(_ => DistributedPubSub.Get(Sys).Mediator.Tell(new Publish(GpuWorker.Topic, status), worker.Ref),
            null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200)); // the worker keeps publishing, as a real one does
        // Two more members with the sample role (this test's node has none): each would run a dispatcher of its own.
        var others = Enumerable.Range(0, 2).Select(_ => ActorSystem.Create(Sys.Name, Akka.Configuration.ConfigurationFactory
            .ParseString("akka.cluster.roles = [sample]").WithFallback(Akka.Configuration.ConfigurationFactory.ParseString(ClusterTestKit.Config)))).ToList();
        try
        {
            foreach (var other in others) Akka.Cluster.Cluster.Get(other).Join(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
            await AwaitAssertAsync(() => Assert.Equal(2, Akka.Cluster.Cluster.Get(Sys).State.Members
                .Count(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole("sample"))), TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1)); // the dispatcher hears the same MemberUp events

            foreach (var i in Enumerable.Range(1, 8)) dispatcher.Tell(InferenceRequests.Generate(Run, "s" + i));
            var shared = worker.ReceiveN(4).Cast<GenerateRequest>().ToList(); // 8 / 2 sample nodes
            worker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

            await Task.WhenAll(others.Select(o => CoordinatedShutdown.Get(o).Run(CoordinatedShutdown.ClusterLeavingReason.Instance)));
            var rest = worker.ReceiveN(4, TimeSpan.FromSeconds(30)).Cast<GenerateRequest>().ToList();

            Assert.Equal(Enumerable.Range(1, 8).Select(i => "s" + i).Order(), shared.Concat(rest).Select(r => r.SampleId).Order());
            Assert.Equal(["s1", "s2", "s3", "s4"], shared.Select(r => r.SampleId));
        }
        finally
        {
            foreach (var other in others) await other.Terminate();
        }
    }

    [Fact]
    public async Task Each_request_goes_to_the_worker_with_the_most_free_capacity_and_none_above_it()
    {
        var dispatcher = Dispatcher();
        var big = await FakeWorkerAsync(dispatcher, "big", capacity: 3);
        var small = await FakeWorkerAsync(dispatcher, "small", capacity: 1);

        foreach (var id in new[] { "s1", "s2", "s3", "s4", "s5", "s6" }) dispatcher.Tell(InferenceRequests.Generate(Run, id));
        var onBig = big.ReceiveN(3).Cast<GenerateRequest>().ToList();
        var onSmall = small.ExpectMsg<GenerateRequest>();
        big.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        small.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        dispatcher.Tell(Answer(onSmall), small.Ref);
        var next = small.ExpectMsg<GenerateRequest>();

        Assert.Equal(["s1", "s2", "s3", "s4"], onBig.Select(r => r.SampleId).Append(onSmall.SampleId).Order());
        Assert.Equal("s5", next.SampleId);
        Assert.Equal(2, (await WorkersOf(dispatcher)).Count);
    }

    [Fact]
    public async Task A_request_waits_while_no_worker_is_known_and_goes_to_the_first_that_appears()
    {
        var dispatcher = Dispatcher();
        Assert.Empty(await WorkersOf(dispatcher));

        dispatcher.Tell(InferenceRequests.Generate(Run, "s1"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var worker = await FakeWorkerAsync(dispatcher, "gpu:0", capacity: 1);

        worker.ExpectMsg<GenerateRequest>(r => r.SampleId == "s1");
    }

    [Fact]
    public async Task The_request_of_a_stopped_worker_completes_on_another_worker()
    {
        var dispatcher = Dispatcher();
        var held = new HeldModelCalls();
        var dying = await GpuWorkerAsync(dispatcher, "dying", new HeldLanguageModel(held));
        dispatcher.Tell(InferenceRequests.Generate(Run, "s1"));
        var call = await held.NextAsync();
        var model = new RecordingLanguageModel();
        await GpuWorkerAsync(dispatcher, "healthy", model);

        Watch(dying);
        Sys.Stop(dying);
        ExpectTerminated(dying);

        var result = ExpectMsg<GenerateCompleted>(TimeSpan.FromSeconds(10));
        Assert.Equal(RecordingLanguageModel.TextFor("s1", "base"), result.Text);
        Assert.Equal(["s1"], model.Batches.SelectMany(b => b.Select(r => r.SampleId)));
        Assert.Equal(["s1/base"], call.Requests);
        Assert.Equal(["healthy"], (await WorkersOf(dispatcher)).Select(s => s.Device));
    }

    [Fact]
    public async Task The_requests_of_a_worker_gone_silent_go_to_another_worker()
    {
        var dispatcher = Dispatcher();
        var silent = await FakeWorkerAsync(dispatcher, "silent", capacity: 2);
        dispatcher.Tell(InferenceRequests.Generate(Run, "s1"));
        var lost = silent.ExpectMsg<GenerateRequest>();

        await AwaitAssertAsync(async () => Assert.Empty(await WorkersOf(dispatcher)), TimeSpan.FromSeconds(10));
        var other = await FakeWorkerAsync(dispatcher, "other", capacity: 2);

        var again = other.ExpectMsg<GenerateRequest>();
        Assert.Equal(lost.RequestId, again.RequestId);
        dispatcher.Tell(Answer(again), other.Ref);
        Assert.Equal(lost.RequestId, ExpectMsg<GenerateCompleted>().RequestId);
    }

    [Fact]
    public async Task A_worker_twice_as_fast_gets_about_twice_the_work()
    {
        const int requests = 120;
        var (fast, slow) = await ServeOnFastAndSlowWorkersAsync(requests, maxBatchSize: 2, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(120));

        Assert.Equal(requests, fast.Served + slow.Served);
        var fastShare = (double)fast.Served / requests;
        Assert.InRange(fastShare, 0.55, 0.78); // 2/3 when each worker is kept full
    }

    [Fact]
    public async Task A_worker_that_runs_out_of_work_takes_over_what_waits_behind_a_slow_worker_s_running_call()
    {
        // Capacity 2 x 4: each worker is sent 8, runs 4 and keeps 4 waiting for its next call.
        var (fast, slow) = await ServeOnFastAndSlowWorkersAsync(16, maxBatchSize: 4, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));

        // The slow worker ran only its first call; the 4 waiting behind it ran on the fast one, which had nothing left.
        Assert.Equal((12, 4), (fast.Served, slow.Served));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no request answered twice
        Assert.Equal(4, slow.Served);
    }
}
