using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>Any step error ─► Faulted, with the reason recorded and nothing more requested.</summary>
public sealed class FaultTransitionTests
{
    [Theory]
    [InlineData(SampleStates.Detecting, SampleSteps.Base)]
    [InlineData(SampleStates.Reasoning, SampleSteps.Reasoning)]
    [InlineData(SampleStates.Relabeling, SampleSteps.Context)]
    [InlineData(SampleStates.Reviewing, SampleSteps.Review)]
    public async Task A_generation_error_faults_the_sample_with_the_step_and_the_error(string state, string step)
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, state);
        var before = h.RequestCount;

        await h.CompleteAsync("s1", step, "", [], "prompt longer than the context window");

        var saga = await h.InStateAsync("s1", m => m.Faulted);
        Assert.Equal($"{step}: prompt longer than the context window", saga.FaultReason);
        Assert.Equal(before, h.RequestCount);
    }

    [Fact]
    public async Task A_checker_error_faults_the_sample()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm });
        await NoisyPath.DriveToAsync(h, SampleStates.Checking);

        await h.CompleteAsync("s1", SampleSteps.Checker, "", [], "tokenizer failure");

        var saga = await h.InStateAsync("s1", m => m.Faulted);
        Assert.Equal("checker: tokenizer failure", saga.FaultReason);
    }

    [Fact]
    public async Task An_embedding_error_faults_the_sample()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Embedding);

        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), [], false, "encoder out of memory"));

        var saga = await h.InStateAsync("s1", m => m.Faulted);
        Assert.Equal("embed: encoder out of memory", saga.FaultReason);
        Assert.Null(saga.Embedding);
    }

    [Fact]
    public async Task A_retrieval_error_faults_the_sample()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Retrieving);

        await h.DeliverAsync(new RetrieveCompleted(h.IdOf("s1"), [], "index unavailable"));

        var saga = await h.InStateAsync("s1", m => m.Faulted);
        Assert.Equal("retrieve: index unavailable", saga.FaultReason);
        Assert.DoesNotContain(h.Published<GenerateRequest>("s1"), r => r.Step == SampleSteps.Context);
    }

    [Fact]
    public async Task A_context_response_without_tokens_faults_the_sample_because_its_entropy_is_undefined()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);
        var before = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Context, "", []);

        var saga = await h.InStateAsync("s1", m => m.Faulted);
        Assert.Contains("no generated tokens", saga.FaultReason, StringComparison.Ordinal);
        Assert.Null(saga.Entropy);
        Assert.Equal(before, h.RequestCount);
    }

    [Fact]
    public async Task A_review_with_neither_a_valid_review_label_nor_a_valid_context_answer_is_ranked_then_ends_Unlabeled_not_Faulted()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);
        await h.CompleteAsync("s1", SampleSteps.Context, "Answer: Q", [-1f]);

        await h.CompleteAsync("s1", SampleSteps.Review, "Answer: Z");
        await h.InStateAsync("s1", m => m.AwaitingSelection);
        await h.DeliverAsync(new SelectionDecided(h.IdOf("s1"), 4, true, 2.0));

        var saga = await h.InStateAsync("s1", m => m.Unlabeled);
        Assert.StartsWith("review:", saga.UnlabeledReason, StringComparison.Ordinal);
        Assert.Null(saga.FaultReason);
        Assert.Null(saga.FinalLabel);
        Assert.Equal((4, (bool?)false), (saga.Rank, saga.Selected));
    }
}
