using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The GPU worker's generation consumer: length-bucketed model calls, the inference cache, per-request errors
/// and the inference journal.</summary>
public sealed class GenerateBatchConsumerTests
{
    [Fact]
    public async Task A_batch_of_requests_gets_one_model_call_per_length_bucket_and_every_request_one_answer()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        var requests = new[]
        {
            h.Request("s1"), h.Request("s2", promptChars: 400), h.Request("s3"),
            h.Request("s4", promptChars: 420), h.Request("s5", promptChars: 60),
        };

        var answers = await h.SendAsync(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(RecordingLanguageModel.TextFor(requests[i].SampleId, "base"), answers[i].Text);
            Assert.Equal(RecordingLanguageModel.Logprobs, answers[i].Logprobs);
            Assert.Equal("base", answers[i].Step);
            Assert.False(answers[i].FromCache);
            Assert.Null(answers[i].Error);
        }
        var calls = h.Model.Batches;
        Assert.All(calls, call => Assert.Single(call.Select(GenerateWorkerHarness.BucketOf).Distinct()));
        Assert.Equal(requests.Select(r => r.SampleId).Order(), calls.SelectMany(c => c).Select(r => r.SampleId).Order());
        var expectedCalls = h.ConsumedBatches().Sum(batch => batch.Select(r => GenerateWorkerHarness.BucketOf(new(r.SampleId, r.Step, r.Messages, r.Options))).Distinct().Count());
        Assert.Equal(expectedCalls, calls.Count);
        Assert.True(calls.Count >= 2, "short and long prompts were sent to the model together");
    }

    [Fact]
    public async Task A_second_identical_batch_is_answered_from_the_cache_without_calling_the_model()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        var first = await h.SendAsync(h.Request("s1"), h.Request("s2"), h.Request("s3", step: "review"));
        var callsBefore = h.Model.Batches.Count;

        var second = await h.SendAsync(h.Request("s1"), h.Request("s2"), h.Request("s3", step: "review"));

        Assert.Equal(callsBefore, h.Model.Batches.Count);
        Assert.All(second, c => Assert.True(c.FromCache));
        Assert.Equal(first.Select(c => (c.Step, c.Text)), second.Select(c => (c.Step, c.Text)));
        Assert.Equal(first.Select(c => c.Logprobs.Sum()), second.Select(c => c.Logprobs.Sum()));
        var totals = await h.Store.GetInferenceTotalsAsync(h.RunId);
        Assert.Equal(new InferenceTotals(Calls: 3, CacheHits: 3, Tokens: 9), totals);
    }

    [Fact]
    public async Task A_request_with_another_seed_is_not_a_cache_hit()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        await h.SendAsync(h.Request("s1", seed: 1));

        var answer = Assert.Single(await h.SendAsync(h.Request("s1", seed: 2)));

        Assert.False(answer.FromCache);
        Assert.Equal(2, h.Model.Batches.Count);
    }

    [Fact]
    public async Task A_request_that_fails_in_the_model_completes_with_its_error_while_the_others_succeed()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        h.Model.FailingSamples.Add("bad");

        var answers = await h.SendAsync(h.Request("s1"), h.Request("bad"), h.Request("s2"));

        Assert.Equal("prompt longer than the context window", answers[1].Error);
        Assert.Equal("", answers[1].Text);
        Assert.Empty(answers[1].Logprobs);
        Assert.Equal("base", answers[1].Step);
        Assert.All(new[] { answers[0], answers[2] }, a => Assert.Null(a.Error));
        Assert.Equal(RecordingLanguageModel.TextFor("s2", "base"), answers[2].Text);
        var totals = await h.Store.GetInferenceTotalsAsync(h.RunId);
        Assert.Equal(new InferenceTotals(Calls: 2, CacheHits: 0, Tokens: 6), totals);
    }

    [Fact]
    public async Task A_failed_request_is_not_cached_so_a_retry_reaches_the_model_again()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        h.Model.FailingSamples.Add("bad");
        await h.SendAsync(h.Request("bad"));
        h.Model.FailingSamples.Clear();

        var retry = Assert.Single(await h.SendAsync(h.Request("bad")));

        Assert.Null(retry.Error);
        Assert.False(retry.FromCache);
        Assert.Equal(2, h.Model.Batches.Count);
    }

    [Fact]
    public async Task Requests_of_a_cancelled_run_complete_with_an_error_without_calling_the_model()
    {
        await using var h = await GenerateWorkerHarness.StartAsync();
        await h.Store.AdvancePhaseAsync(h.RunId, RunPhase.Cancelled);

        var answers = await h.SendAsync(h.Request("s1"), h.Request("s2"));

        Assert.All(answers, a => Assert.Equal("run cancelled", a.Error));
        Assert.Empty(h.Model.Batches);
    }
}
