using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>Embedding ─┬─clean─► Clean, └─noisy─► AwaitingIndex ─IndexReady─► Retrieving ─► Relabeling ─context─►
/// Reviewing ─review─► AwaitingSelection ─SelectionDecided─► Selected | Dropped.</summary>
public sealed class RelabelingTransitionTests
{
    [Fact]
    public async Task A_clean_sample_keeps_its_label_and_finishes_Clean_once_embedded()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");
        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Answer: B");
        var before = h.RequestCount;

        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), [1f, 0f], false, null));

        var saga = await h.InStateAsync("s1", m => m.Clean);
        Assert.Equal([1f, 0f], saga.Embedding!);
        Assert.Equal("B", saga.FinalLabel);
        Assert.Equal(before, h.RequestCount);
    }

    [Fact]
    public async Task A_noisy_sample_waits_for_the_clean_index_once_embedded()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Embedding);
        var before = h.RequestCount;

        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), NoisyPath.Embedding, false, null));

        var saga = await h.InStateAsync("s1", m => m.AwaitingIndex);
        Assert.Equal(NoisyPath.Embedding, saga.Embedding!);
        Assert.Null(saga.FinalLabel);
        Assert.Equal(before, h.RequestCount);
    }

    [Fact]
    public async Task IndexReady_moves_a_waiting_sample_to_Retrieving_and_requests_its_neighbours()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { K = 2 });
        await NoisyPath.DriveToAsync(h, SampleStates.AwaitingIndex);

        await h.DeliverAsync(new IndexReady(h.IdOf("s1"), h.RunId));

        await h.InStateAsync("s1", m => m.Retrieving);
        var request = Assert.Single(h.Published<RetrieveRequest>("s1"));
        Assert.Equal((h.IdOf("s1"), h.RunId, "s1", 2), (request.CorrelationId, request.RunId, request.SampleId, request.K));
        Assert.Equal(NoisyPath.Embedding, request.Vector);
    }

    [Fact]
    public async Task Retrieved_neighbours_are_recorded_and_the_context_prompt_shows_them_as_solved_examples()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Retrieving);

        await h.DeliverAsync(new RetrieveCompleted(h.IdOf("s1"), ["s3", "s2"], null));

        var saga = await h.InStateAsync("s1", m => m.Relabeling);
        Assert.Equal(["s3", "s2"], saga.Neighbours!);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal(SampleSteps.Context, request.Step);
        var neighbours = new[] { h.Run.Sample("s3"), h.Run.Sample("s2") };
        Assert.Equal(h.Run.Prompts.Context(h.Run.Sample("s1"), neighbours), request.Messages);
        Assert.Contains(h.Run.Sample("s3").Question, request.Messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(h.Run.Settings.Budgets.Context, request.Options.MaxNewTokens);
        Assert.Equal(StepSeed.For(h.Run.Settings.Method.Seed, "s1", SampleSteps.Context), request.Options.Seed);
    }

    [Fact]
    public async Task The_context_answer_is_recorded_with_entropy_minus_its_mean_logprob_and_the_review_is_requested()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);

        await h.CompleteAsync("s1", SampleSteps.Context, "Answer: A", [-0.5f, -1.5f, -1.0f]);

        var saga = await h.InStateAsync("s1", m => m.Reviewing);
        Assert.Equal("Answer: A", saga.ContextResponse);
        Assert.Equal("A", saga.ContextAnswer);
        Assert.Equal(1.0, saga.Entropy!.Value, 6);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal(SampleSteps.Review, request.Step);
        Assert.Equal(h.Run.Prompts.Review(h.Run.Sample("s1"), new ExpertAnswer(NoisyPath.ExpertText, "C"), new ExpertAnswer("Answer: A", "A")), request.Messages);
        Assert.Contains(NoisyPath.ExpertText, request.Messages.Single().Content);
        Assert.Equal(h.Run.Settings.Budgets.Review, request.Options.MaxNewTokens);
    }

    [Fact]
    public async Task With_review_input_predictions_the_review_request_carries_the_extracted_answers_not_the_responses()
    {
        var prompts = ShippedDefaults.Config.Prompts() with { ReviewInput = ReviewInput.Predictions, Review = "R[{reasoning_prediction}] C[{context_prediction}]" };
        await using var h = await SampleSagaHarness.StartAsync(prompts: prompts);
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);

        await h.CompleteAsync("s1", SampleSteps.Context, "Looking at the examples.\nAnswer: A", [-0.5f, -1.5f, -1.0f]);

        await h.InStateAsync("s1", m => m.Reviewing);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal(SampleSteps.Review, request.Step);
        Assert.Equal("R[C] C[A]", request.Messages.Single().Content);
    }

    [Fact]
    public async Task The_review_label_becomes_the_final_label_and_the_sample_awaits_selection()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Reviewing);
        var before = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Review, "Answer: D");

        var saga = await h.InStateAsync("s1", m => m.AwaitingSelection);
        Assert.Equal("D", saga.ReviewLabel);
        Assert.Equal("D", saga.FinalLabel);
        Assert.Equal(before, h.RequestCount);
    }

    [Fact]
    public async Task A_review_without_an_option_letter_falls_back_to_the_context_answer()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Reviewing);

        await h.CompleteAsync("s1", SampleSteps.Review, "Answer: Z");

        var saga = await h.InStateAsync("s1", m => m.AwaitingSelection);
        Assert.Equal("Z", saga.ReviewLabel);
        Assert.Equal("A", saga.FinalLabel);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_coordinator_verdict_ends_the_sample_Selected_or_Dropped_with_its_rank(bool selected)
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.AwaitingSelection);
        var before = h.RequestCount;

        await h.DeliverAsync(new SelectionDecided(h.IdOf("s1"), 7, selected, 0.9));

        var saga = selected ? await h.InStateAsync("s1", m => m.Selected) : await h.InStateAsync("s1", m => m.Dropped);
        Assert.Equal(7, saga.Rank);
        Assert.Equal(selected, saga.Selected);
        Assert.Equal("C", saga.FinalLabel);
        Assert.Equal(before, h.RequestCount);
    }
}
