using RobustFT.Cluster.Workers;
using RobustFT.Inference.Batching;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The GPU node's model gate: requests submitted while the model is busy share its next call, calls respect
/// max batch size and length buckets, every caller gets exactly its own results, and a failure or a cancellation
/// touches only the callers concerned. The fake model's calls are held until the test answers them, so nothing here
/// depends on timing.</summary>
public sealed class ModelGateTests
{
    private static (ModelGate<string, string> Gate, HeldModelCalls Model, List<int> CallSizes) Gate(int maxBatchSize = 32, int concurrentCalls = 1,
        TimeSpan maxWait = default, int maxBatchTokens = 16384)
    {
        var model = new HeldModelCalls();
        var sizes = new List<int>();
        var gate = new ModelGate<string, string>("model fake", model.CallAsync, r => r.Length,
            new PromptBucketer(maxBatchSize, maxBatchTokens), concurrentCalls, size => { lock (sizes) sizes.Add(size); }, maxWait);
        return (gate, model, sizes);
    }

    [Fact]
    public async Task With_max_wait_requests_reaching_an_idle_model_together_share_its_first_call()
    {
        var (gate, model, sizes) = Gate(maxWait: TimeSpan.FromMilliseconds(300));
        using var _ = gate;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = gate.SubmitAsync(["a1"], CancellationToken.None);
        var second = gate.SubmitAsync(["b1", "b2"], CancellationToken.None);

        var call = await model.NextAsync();
        call.Answer();

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(250), $"the call was cut after {started.Elapsed}, before max-wait");
        Assert.Equal(["a1", "b1", "b2"], call.Requests.Order());
        Assert.Equal(Answers("a1"), await first);
        Assert.Equal(Answers("b1", "b2"), await second);
        Assert.Equal([3], sizes);
    }

    [Fact]
    public async Task With_max_wait_a_full_call_is_cut_at_once()
    {
        var (gate, model, _) = Gate(maxBatchSize: 2, maxWait: TimeSpan.FromHours(1));
        using var __ = gate;
        var both = gate.SubmitAsync(["a1", "a2"], CancellationToken.None);

        var call = await model.NextAsync(); // the hang guard (30 s) fails the test if the gate waited for max-wait
        call.Answer();

        Assert.Equal(["a1", "a2"], call.Requests.Order());
        Assert.Equal(Answers("a1", "a2"), await both);
    }

    [Fact]
    public async Task With_max_wait_requests_that_waited_through_a_running_call_go_into_the_next_call_at_once()
    {
        var (gate, model, sizes) = Gate(maxBatchSize: 2, maxWait: TimeSpan.FromHours(1));
        using var _ = gate;
        var full = gate.SubmitAsync(["a1", "a2"], CancellationToken.None);
        var running = await model.NextAsync();
        var waiting = gate.SubmitAsync(["b1"], CancellationToken.None);
        Assert.True(model.NoCallWaiting);

        running.Answer();
        var next = await model.NextAsync(); // not an hour later: b1 already waited for the running call
        next.Answer();

        Assert.Equal(["b1"], next.Requests);
        Assert.Equal(Answers("b1"), await waiting);
        Assert.Equal(Answers("a1", "a2"), await full);
        Assert.Equal([2, 1], sizes);
    }

    [Fact]
    public void A_negative_max_wait_is_refused_naming_the_setting()
    {
        var model = new HeldModelCalls();
        var error = Assert.Throws<ArgumentException>(() => new ModelGate<string, string>("model fake", model.CallAsync, r => r.Length,
            new PromptBucketer(4, 16384), 1, maxWait: TimeSpan.FromMilliseconds(-1)));
        Assert.Contains("max-wait", error.Message);
    }

    private static IReadOnlyList<string> Answers(params string[] requests) => requests.Select(HeldModelCalls.AnswerFor).ToList();

    [Fact]
    public async Task Requests_submitted_while_a_call_runs_go_together_into_the_next_call()
    {
        var (gate, model, sizes) = Gate();
        using var _ = gate;
        var first = gate.SubmitAsync(["a1"], CancellationToken.None);
        var running = await model.NextAsync();

        var second = gate.SubmitAsync(["b1", "b2"], CancellationToken.None);
        var third = gate.SubmitAsync(["c1"], CancellationToken.None);
        var fourth = gate.SubmitAsync(["d1", "d2", "d3"], CancellationToken.None);
        Assert.True(model.NoCallWaiting, "a second call started while the first was running");
        Assert.Equal(6, gate.PendingRequests);
        running.Answer();
        var merged = await model.NextAsync();
        merged.Answer();

        Assert.Equal(["a1"], running.Requests);
        Assert.Equal(["b1", "b2", "c1", "d1", "d2", "d3"], merged.Requests.Order());
        Assert.Equal(Answers("a1"), await first);
        Assert.Equal(Answers("b1", "b2"), await second);
        Assert.Equal(Answers("c1"), await third);
        Assert.Equal(Answers("d1", "d2", "d3"), await fourth);
        Assert.Equal(2, model.Count);
        Assert.Equal([1, 6], sizes);
    }

    [Fact]
    public async Task A_call_never_carries_more_than_max_batch_size_requests_and_the_oldest_go_first()
    {
        var (gate, model, sizes) = Gate(maxBatchSize: 4);
        using var _ = gate;
        var first = gate.SubmitAsync(["x0"], CancellationToken.None);
        var running = await model.NextAsync();
        var callers = new[]
        {
            gate.SubmitAsync(["a0", "a1", "a2"], CancellationToken.None),
            gate.SubmitAsync(["b0", "b1", "b2", "b3", "b4"], CancellationToken.None),
            gate.SubmitAsync(["c0", "c1"], CancellationToken.None),
        };

        running.Answer();
        var calls = new List<HeldCall>();
        for (var i = 0; i < 3; i++)
        {
            var call = await model.NextAsync();
            calls.Add(call);
            call.Answer();
        }
        await Task.WhenAll(callers);
        await first;

        Assert.Equal([4, 4, 2], calls.Select(c => c.Requests.Count));
        Assert.Equal(["a0", "a1", "a2", "b0"], calls[0].Requests.Order());
        Assert.Equal(["b1", "b2", "b3", "b4"], calls[1].Requests.Order());
        Assert.Equal(["c0", "c1"], calls[2].Requests.Order());
        Assert.Equal([1, 4, 4, 2], sizes);
        Assert.Equal(4, model.Count);
    }

    [Theory]
    [InlineData(16384, true)] // room for both lengths: the short ones fill the long one's call
    [InlineData(300, false)]  // 2 x 200 padded tokens do not fit: the long one runs alone
    public async Task The_oldest_request_s_length_bucket_runs_first_and_other_lengths_fill_its_call_within_the_token_budget(int maxBatchTokens, bool mixed)
    {
        var (gate, model, _) = Gate(maxBatchSize: 3, maxBatchTokens: maxBatchTokens);
        using var _gate = gate;
        var first = gate.SubmitAsync(["x"], CancellationToken.None);
        var running = await model.NextAsync();
        var longPrompt = "L".PadRight(200, 'l');
        var withLong = gate.SubmitAsync([longPrompt, "s1", "s2"], CancellationToken.None);
        var shortOnly = gate.SubmitAsync(["s3"], CancellationToken.None);

        running.Answer();
        var longCall = await model.NextAsync();
        longCall.Answer();
        var nextCall = await model.NextAsync();
        nextCall.Answer();

        Assert.Equal(mixed ? ["s1", "s2", longPrompt] : [longPrompt], longCall.Requests);
        Assert.Equal(mixed ? ["s3"] : ["s1", "s2", "s3"], nextCall.Requests.Order());
        Assert.Equal(Answers(longPrompt, "s1", "s2"), await withLong);
        Assert.Equal(Answers("s3"), await shortOnly);
        await first;
    }

    [Fact]
    public async Task Every_caller_gets_exactly_its_own_results_in_its_own_order_when_calls_mix_callers()
    {
        var (gate, model, _) = Gate(maxBatchSize: 3);
        using var _gate = gate;
        var first = gate.SubmitAsync(["z9", "z1"], CancellationToken.None);
        var running = await model.NextAsync();
        string[][] submitted = [["p3", "p1", "p2"], ["q2"], ["r5", "r4", "r3", "r2", "r1"]];
        var callers = submitted.Select(s => gate.SubmitAsync(s, CancellationToken.None)).ToList();

        running.Answer();
        for (var i = 0; i < 3; i++) (await model.NextAsync()).Answer();

        Assert.Equal(Answers("z9", "z1"), await first);
        for (var i = 0; i < submitted.Length; i++) Assert.Equal(Answers(submitted[i]), await callers[i]);
        Assert.Equal(1 + 3, model.Count);
    }

    [Fact]
    public async Task A_failing_call_faults_only_the_callers_with_a_request_in_it()
    {
        var (gate, model, sizes) = Gate(maxBatchSize: 2);
        using var _gate = gate;
        var first = gate.SubmitAsync(["a1"], CancellationToken.None);
        var running = await model.NextAsync();
        var inFailingCall = gate.SubmitAsync(["b1", "b2"], CancellationToken.None);
        var later = gate.SubmitAsync(["c1"], CancellationToken.None);

        running.Answer();
        var failing = await model.NextAsync();
        failing.Fail(new InvalidOperationException("GPU out of memory"));
        var next = await model.NextAsync();
        next.Answer();

        Assert.Equal(["b1", "b2"], failing.Requests.Order());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => inFailingCall);
        Assert.Equal("GPU out of memory", error.Message);
        Assert.Equal(Answers("a1"), await first);
        Assert.Equal(Answers("c1"), await later);
        Assert.Equal([1, 1], sizes);
    }

    [Fact]
    public async Task A_call_that_returns_the_wrong_number_of_results_faults_its_callers_naming_the_model()
    {
        var gate = new ModelGate<string, string>("model m1", (batch, _) => Task.FromResult<IReadOnlyList<string>>(["only one"]),
            r => r.Length, new PromptBucketer(8, 16384), 1);
        using var _gate = gate;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => gate.SubmitAsync(["a", "b"], CancellationToken.None));

        Assert.Equal("model m1 returned 1 results for 2 requests", error.Message);
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_dropped_from_the_queue_and_leaves_the_running_call_to_the_others()
    {
        var (gate, model, _) = Gate();
        using var _gate = gate;
        var first = gate.SubmitAsync(["x"], CancellationToken.None);
        var running = await model.NextAsync();
        using var givesUpWhileRunning = new CancellationTokenSource();
        using var givesUpWhileQueued = new CancellationTokenSource();
        var a = gate.SubmitAsync(["a1"], givesUpWhileRunning.Token);
        var b = gate.SubmitAsync(["b1", "b2"], givesUpWhileQueued.Token);
        var c = gate.SubmitAsync(["c1"], CancellationToken.None);

        await givesUpWhileQueued.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        running.Answer();
        var next = await model.NextAsync();
        await givesUpWhileRunning.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        Assert.False(next.Token.IsCancellationRequested);
        next.Answer();

        Assert.Equal(["a1", "c1"], next.Requests.Order());
        Assert.Equal(Answers("c1"), await c);
        Assert.Equal(Answers("x"), await first);
        Assert.Equal(2, model.Count);
    }

    [Fact]
    public async Task With_two_concurrent_calls_a_second_call_starts_while_the_first_runs()
    {
        var (gate, model, _) = Gate(concurrentCalls: 2);
        using var _gate = gate;
        var first = gate.SubmitAsync(["a1"], CancellationToken.None);
        var one = await model.NextAsync();
        var second = gate.SubmitAsync(["b1"], CancellationToken.None);
        var two = await model.NextAsync();
        var third = gate.SubmitAsync(["c1", "c2"], CancellationToken.None);

        Assert.Equal(2, gate.RunningCalls);
        Assert.Equal(2, gate.PendingRequests);
        two.Answer();
        var three = await model.NextAsync();
        three.Answer();
        one.Answer();

        Assert.Equal(["c1", "c2"], three.Requests.Order());
        Assert.Equal(Answers("a1"), await first);
        Assert.Equal(Answers("b1"), await second);
        Assert.Equal(Answers("c1", "c2"), await third);
    }

    [Fact]
    public async Task Disposing_the_gate_cancels_the_running_call_and_the_waiting_callers()
    {
        var (gate, model, _) = Gate();
        var first = gate.SubmitAsync(["a1"], CancellationToken.None);
        var running = await model.NextAsync();
        var waiting = gate.SubmitAsync(["b1"], CancellationToken.None);

        gate.Dispose();

        Assert.True(running.Token.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        running.Result.SetCanceled(running.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Throws<ObjectDisposedException>(() => gate.SubmitAsync(["c1"], CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Requests_submitted_together_each_get_their_own_outcome_and_share_a_call()
    {
        var (gate, model, sizes) = Gate();
        using var _ = gate;
        var blocker = gate.SubmitAsync(["x1"], CancellationToken.None);
        var running = await model.NextAsync();

        var each = gate.SubmitEach(["a1", "b1", "c1"], ["A", "B", "C"], CancellationToken.None);
        running.Answer();
        var next = await model.NextAsync();
        next.Answer();

        Assert.Equal(["a1", "b1", "c1"], next.Requests.Order());
        Assert.Equal(Answers("a1", "b1", "c1"), await Task.WhenAll(each));
        Assert.Equal(Answers("x1"), await blocker);
        Assert.Equal([1, 3], sizes);
    }

    [Fact]
    public async Task Requests_waiting_behind_a_running_call_can_be_taken_back_newest_first_and_never_run_here()
    {
        var (gate, model, sizes) = Gate();
        using var _ = gate;
        var running = gate.SubmitEach(["a1"], ["A"], CancellationToken.None);
        var call = await model.NextAsync();
        var waiting = gate.SubmitEach(["b1", "c1", "d1"], ["B", "C", "D"], CancellationToken.None);

        Assert.Equal(["D", "C"], gate.Withdraw(owner => owner != "A", max: 2));
        Assert.Empty(gate.Withdraw(owner => owner == "A", max: 5)); // running: it cannot be taken back

        call.Answer();
        var next = await model.NextAsync();
        next.Answer();

        Assert.Equal(["b1"], next.Requests);
        Assert.Equal(Answers("a1"), await Task.WhenAll(running));
        Assert.Equal(HeldModelCalls.AnswerFor("b1"), await waiting[0]);
        Assert.Equal("C", (await Assert.ThrowsAsync<RequestWithdrawnException>(() => waiting[1])).Owner);
        Assert.Equal("D", (await Assert.ThrowsAsync<RequestWithdrawnException>(() => waiting[2])).Owner);
        Assert.Equal([1, 1], sizes);
        Assert.Equal(2, model.Count);
    }

    [Fact]
    public async Task Requests_that_would_start_at_a_free_slot_are_not_taken_back()
    {
        var (gate, model, _) = Gate(concurrentCalls: 2, maxWait: TimeSpan.FromHours(1));
        using var _ = gate;
        var held = gate.SubmitEach(["a1"], ["A"], CancellationToken.None); // held for max-wait at an idle model

        Assert.Empty(gate.Withdraw(_ => true, max: 10));
        var first = gate.SubmitEach(Enumerable.Range(1, 31).Select(i => $"f{i}").ToList(), Enumerable.Range(1, 31).Select(i => $"F{i}").ToList(),
            CancellationToken.None); // fills a call with a1: cut at once
        var call = await model.NextAsync();
        var second = gate.SubmitEach(["b1"], ["B"], CancellationToken.None); // one slot is still free

        Assert.Empty(gate.Withdraw(_ => true, max: 10));
        call.Answer();
        Assert.Equal(HeldModelCalls.AnswerFor("a1"), await held[0]);
        Assert.Equal(32, call.Requests.Count);
        Assert.False(second[0].IsCompleted);
    }
}
