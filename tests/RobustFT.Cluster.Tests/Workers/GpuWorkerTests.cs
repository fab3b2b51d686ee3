using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;
using RobustFT.Inference.Abstractions;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The GPU worker actor over a real SQLite store: requests that wait together share a model call, cache hits
/// skip the model, fresh results are cached and journaled, a failing request fails alone, a re-sent request joins the
/// running one, paused runs wait and cancelled runs are refused, and the worker publishes its status.</summary>
public sealed class GpuWorkerTests(ITestOutputHelper output) : WorkerActorTestKit(output)
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(200);

    private IActorRef Worker(RuntimeServices services) => Sys.ActorOf(GpuWorker.Props(services, services.Devices[0], StatusInterval));

    /// <summary>A worker whose device has only an encoder, and that encoder.</summary>
    private (IActorRef Worker, HashEmbedder Embedder) EmbeddingWorker()
    {
        var embedder = new HashEmbedder();
        return (Worker(Store.Services(embedder: embedder)), embedder);
    }

    [Fact]
    public async Task Requests_that_arrive_while_the_model_runs_share_its_next_call()
    {
        var calls = new HeldModelCalls();
        var oneCallAtATime = ShippedDefaults.Config.Worker() with { ConcurrentBatches = 1, GenerationCalls = 1 };
        var services = Store.Services(new HeldLanguageModel(calls), options: oneCallAtATime);
        var worker = Worker(services);

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        var first = await calls.NextAsync();
        foreach (var id in new[] { "s2", "s3", "s4" }) worker.Tell(InferenceRequests.Generate(Run, id));
        AwaitCondition(() => services.Devices[0].Generation!.PendingRequests == 3);
        first.Answer();
        var second = await calls.NextAsync();
        second.Answer();

        var results = ReceiveN(4).Cast<GenerateCompleted>().ToList();
        Assert.Equal(["s1/base"], first.Requests);
        Assert.Equal(["s2/base", "s3/base", "s4/base"], second.Requests.Order());
        Assert.Equal(2, calls.Count);
        Assert.Equal(["s1", "s2", "s3", "s4"], results.Select(r => r.SampleId).Order());
        Assert.All(results, r => Assert.Equal(HeldModelCalls.AnswerFor(HeldLanguageModel.Key(r.SampleId, "base")), r.Text));
        Assert.All(results, r => Assert.False(r.FromCache));
        Assert.Equal(new InferenceTotals(4, 0, 8), await Store.Runs.GetInferenceTotalsAsync(Run));
    }

    [Fact]
    public async Task A_cached_request_is_answered_without_a_model_call_and_a_fresh_one_is_cached()
    {
        var model = new RecordingLanguageModel();
        var worker = Worker(Store.Services(model));

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        var fresh = ExpectMsg<GenerateCompleted>();
        // A resumed run asks again for the same step: same prompt and options, hence the same cache key.
        worker.Tell(InferenceRequests.Generate(Run, "s1") with { RequestId = "resumed" });
        var cached = ExpectMsg<GenerateCompleted>();

        Assert.False(fresh.FromCache);
        Assert.True(cached.FromCache);
        Assert.Equal("resumed", cached.RequestId);
        Assert.Equal(fresh.Text, cached.Text);
        Assert.Equal(RecordingLanguageModel.Logprobs, cached.Logprobs);
        Assert.Single(model.Batches);
        Assert.Equal(new InferenceTotals(1, 1, 3), await Store.Runs.GetInferenceTotalsAsync(Run));
    }

    [Fact]
    public async Task A_request_the_model_cannot_run_comes_back_with_its_error_and_the_others_succeed()
    {
        var model = new RecordingLanguageModel { FailingSamples = { "s2" } };
        var worker = Worker(Store.Services(model));

        foreach (var id in new[] { "s1", "s2", "s3" }) worker.Tell(InferenceRequests.Generate(Run, id));
        var results = ReceiveN(3).Cast<GenerateCompleted>().ToDictionary(r => r.SampleId);

        Assert.Equal("prompt longer than the context window", results["s2"].Error);
        Assert.Null(results["s1"].Error);
        Assert.Null(results["s3"].Error);
        Assert.Equal(RecordingLanguageModel.TextFor("s3", "base"), results["s3"].Text);
        Assert.Equal(new InferenceTotals(2, 0, 6), await Store.Runs.GetInferenceTotalsAsync(Run));
        // The failure is not cached: the same request reaches the model again.
        model.FailingSamples.Clear();
        worker.Tell(InferenceRequests.Generate(Run, "s2"));
        Assert.Null(ExpectMsg<GenerateCompleted>().Error);
    }

    [Fact]
    public async Task A_model_call_that_throws_fails_the_requests_in_it_and_the_worker_goes_on()
    {
        var calls = new HeldModelCalls();
        var worker = Worker(Store.Services(new HeldLanguageModel(calls)));

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        (await calls.NextAsync()).Fail(new InvalidOperationException("device lost"));
        var failed = ExpectMsg<GenerateCompleted>();
        worker.Tell(InferenceRequests.Generate(Run, "s2"));
        (await calls.NextAsync()).Answer();
        var served = ExpectMsg<GenerateCompleted>();

        Assert.Equal(("s1", "device lost"), (failed.SampleId, failed.Error));
        Assert.Equal(("s2", (string?)null), (served.SampleId, served.Error));
    }

    [Fact]
    public async Task A_request_sent_again_while_it_runs_joins_the_running_one()
    {
        var calls = new HeldModelCalls();
        var worker = Worker(Store.Services(new HeldLanguageModel(calls)));
        var other = CreateTestProbe();

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        var call = await calls.NextAsync();
        worker.Tell(InferenceRequests.Generate(Run, "s1"), other.Ref);
        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        call.Answer();

        var mine = ExpectMsg<GenerateCompleted>();
        var theirs = other.ExpectMsg<GenerateCompleted>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(mine, theirs);
        Assert.Equal(1, calls.Count);
        Assert.True(calls.NoCallWaiting);
        Assert.Equal(new InferenceTotals(1, 0, 2), await Store.Runs.GetInferenceTotalsAsync(Run));
    }

    [Fact]
    public async Task A_paused_run_waits_until_resumed()
    {
        var model = new RecordingLanguageModel();
        var worker = Worker(Store.Services(model));
        await Store.Runs.SetPausedAsync(Run, true);

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Empty(model.Batches);
        await Store.Runs.SetPausedAsync(Run, false);

        Assert.Null(ExpectMsg<GenerateCompleted>(TimeSpan.FromSeconds(10)).Error);
        Assert.Single(model.Batches);
    }

    [Fact]
    public async Task Requests_of_a_cancelled_or_unknown_run_are_answered_run_cancelled_without_the_model()
    {
        var model = new RecordingLanguageModel();
        var worker = Worker(Store.Services(model, new HashEmbedder()));
        await Store.Runs.CancelAsync(Run);

        worker.Tell(InferenceRequests.Generate(Run, "s1"));
        worker.Tell(InferenceRequests.Embed("no-such-run", "s2"));
        var results = ReceiveN(2).Cast<IInferenceResult>().ToList();

        Assert.All(results, r => Assert.Equal(InferenceServer.RunCancelled, r.Error));
        Assert.Contains(results, r => r is EmbedCompleted);
        Assert.Empty(model.Batches);
    }

    [Fact]
    public async Task Embeddings_are_served_by_the_encoder_once_and_then_from_the_cache()
    {
        var (worker, embedder) = EmbeddingWorker();

        worker.Tell(InferenceRequests.Embed(Run, "s1"));
        worker.Tell(InferenceRequests.Embed(Run, "s2"));
        var fresh = ReceiveN(2).Cast<EmbedCompleted>().ToDictionary(r => r.SampleId);
        worker.Tell(InferenceRequests.Embed(Run, "s1") with { RequestId = "again" });
        var cached = ExpectMsg<EmbedCompleted>();

        Assert.Equal(2, embedder.Texts);
        Assert.All(fresh.Values, r => Assert.False(r.FromCache));
        Assert.True(cached.FromCache);
        Assert.Equal(fresh["s1"].Vector, cached.Vector);
        Assert.NotEqual(fresh["s1"].Vector, fresh["s2"].Vector);
        Assert.Equal(new InferenceTotals(2, 1, 0), await Store.Runs.GetInferenceTotalsAsync(Run));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // the duplicate's sample retries before the shared vector came back
    public async Task Samples_with_the_same_question_in_flight_share_one_embedding_and_each_gets_its_own_answer_once(int duplicateSent)
    {
        var (worker, embedder) = EmbeddingWorker();
        var twin = InferenceRequests.EmbedDuplicate(Run, "s2", sameAs: "s1");

        worker.Tell(InferenceRequests.Embed(Run, "s1"));
        for (var i = 0; i < duplicateSent; i++) worker.Tell(twin);
        var answers = ReceiveN(2).Cast<EmbedCompleted>().ToDictionary(r => r.SampleId);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // Computed once and counted once, however the two requests were batched: a run's model calls do not depend on timing.
        Assert.Equal(1, embedder.Texts);
        Assert.Equal(new[] { "s1", "s2" }, answers.Keys.Order());
        Assert.Equal(twin.RequestId, answers["s2"].RequestId);
        Assert.Equal(answers["s1"].Vector, answers["s2"].Vector);
        Assert.Equal(1, (await Store.Runs.GetInferenceTotalsAsync(Run)).Calls);
    }

    [Fact]
    public async Task A_failed_encoder_call_fails_the_embedding_and_its_same_text_twin_and_the_text_runs_again_when_sent_again()
    {
        var (worker, embedder) = EmbeddingWorker();
        var first = InferenceRequests.Embed(Run, "s1");
        var twin = InferenceRequests.EmbedDuplicate(Run, "s2", sameAs: "s1");
        embedder.FailingTexts.Add(first.Text);

        worker.Tell(first);
        worker.Tell(twin);
        var failed = ReceiveN(2).Cast<EmbedCompleted>().ToDictionary(r => r.SampleId);
        embedder.FailingTexts.Clear();
        worker.Tell(twin);
        var again = ExpectMsg<EmbedCompleted>();

        Assert.All(failed.Values, r => Assert.Equal("malformed embedding response", r.Error));
        Assert.All(failed.Values, r => Assert.False(r.FromCache));
        Assert.Equal(twin.RequestId, failed["s2"].RequestId);
        Assert.Equal((twin.RequestId, (string?)null, false), (again.RequestId, again.Error, again.FromCache));
        Assert.Equal(1, (await Store.Runs.GetInferenceTotalsAsync(Run)).Calls);
    }

    [Fact]
    public void The_worker_publishes_its_status_on_the_worker_topic()
    {
        DistributedPubSub.Get(Sys).Mediator.Tell(new Subscribe(GpuWorker.Topic, TestActor));
        ExpectMsg<SubscribeAck>();
        var services = Store.Services(new RecordingLanguageModel());
        var worker = Worker(services);

        var status = ExpectMsg<WorkerStatus>(TimeSpan.FromSeconds(5));

        Assert.Equal(worker, LastSender);
        Assert.Equal("gpu:0", status.Device);
        Assert.Equal("test-ep", status.ExecutionProvider);
        Assert.Equal("m", status.ModelId);
        Assert.Equal(services.Worker.Capacity, status.Capacity);
        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString(), status.Address);
        ExpectMsg<WorkerStatus>(TimeSpan.FromSeconds(5)); // and again every status interval
    }
}
