using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>StartSample ─► Detecting ─base─► Reasoning ─rounds─► [Checking] ─► Embedding.</summary>
public sealed class DetectionTransitionTests
{
    [Fact]
    public async Task StartSample_creates_the_saga_in_Detecting_and_requests_the_base_answer()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");

        var saga = await h.InStateAsync("s1", m => m.Detecting);
        Assert.Equal(h.RunId, saga.RunId);
        Assert.Equal("s1", saga.SampleId);
        var request = Assert.Single(h.Published<GenerateRequest>("s1"));
        var sample = h.Run.Sample("s1");
        Assert.Equal(SampleSteps.Base, request.Step);
        Assert.Equal((h.RunId, "s1"), (request.RunId, request.SampleId));
        Assert.Equal(h.Run.Prompts.Vanilla(sample), request.Messages);
        Assert.Equal(h.Run.Settings.Budgets.Base, request.Options.MaxNewTokens);
        Assert.Equal(StepSeed.For(h.Run.Settings.Method.Seed, "s1", SampleSteps.Base), request.Options.Seed);
        Assert.Contains(sample.Question, request.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_answer_is_recorded_and_the_first_reasoning_round_is_requested()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Detecting);

        await h.CompleteAsync("s1", SampleSteps.Base, "Oxygen, surely.\nAnswer: A");

        var saga = await h.InStateAsync("s1", m => m.Reasoning);
        Assert.Equal("Oxygen, surely.\nAnswer: A", saga.BaseResponse);
        Assert.Equal("A", saga.BaseAnswer);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal(SampleSteps.ReasoningRound(1), request.Step);
        Assert.Equal(h.Run.Prompts.Reasoning(h.Run.Sample("s1"), []), request.Messages);
        Assert.Equal(h.Run.Settings.Budgets.Reasoning, request.Options.MaxNewTokens);
        Assert.Equal(StepSeed.For(h.Run.Settings.Method.Seed, "s1", SampleSteps.Reasoning), request.Options.Seed);
    }

    [Fact]
    public async Task With_two_reasoning_rounds_the_first_round_asks_for_a_reflection_round()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { ReasoningRounds = 2 });
        await NoisyPath.DriveToAsync(h, SampleStates.Reasoning);

        await h.CompleteAsync("s1", SampleSteps.ReasoningRound(1), "First try.\nAnswer: B");

        var saga = await h.InStateAsync("s1", m => m.Reasoning);
        Assert.Equal(["First try.\nAnswer: B"], saga.ReasoningResponses);
        Assert.Null(saga.Consistency);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal("reasoning-2", request.Step);
        Assert.Equal(h.Run.Prompts.Reasoning(h.Run.Sample("s1"), ["First try.\nAnswer: B"]), request.Messages);
        Assert.Equal(3, request.Messages.Count);
        Assert.Equal(StepSeed.For(h.Run.Settings.Method.Seed, "s1", "reasoning-2"), request.Options.Seed);

        await h.CompleteAsync("s1", "reasoning-2", "On reflection.\nAnswer: C");

        saga = await h.InStateAsync("s1", m => m.Embedding);
        Assert.Equal(["First try.\nAnswer: B", "On reflection.\nAnswer: C"], saga.ReasoningResponses);
        Assert.Equal("C", saga.ReasoningAnswer);
    }

    [Fact]
    public async Task Both_experts_agreeing_with_the_label_mark_the_sample_clean_and_request_its_embedding()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");

        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Plants absorb carbon dioxide.\nAnswer: B");

        var saga = await h.InStateAsync("s1", m => m.Embedding);
        Assert.Equal(1.0, saga.Consistency);
        Assert.True(saga.Clean);
        Assert.Equal("B", saga.ReasoningAnswer);
        var embed = Assert.Single(h.Published<EmbedRequest>("s1"));
        Assert.Equal(new EmbedRequest(h.IdOf("s1"), h.RunId, "s1", h.Run.Sample("s1").Question), embed);
    }

    [Fact]
    public async Task An_expert_disagreeing_with_the_label_marks_the_sample_noisy_under_the_rule_checker()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");

        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Answer: C");

        var saga = await h.InStateAsync("s1", m => m.Embedding);
        Assert.Equal(0.5, saga.Consistency);
        Assert.False(saga.Clean);
        Assert.Single(h.Published<EmbedRequest>("s1"));
    }

    [Fact]
    public async Task The_LLM_checker_goes_through_Checking_with_a_checker_prompt_before_Embedding()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm });
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");

        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Reasoned.\nAnswer: C");

        var saga = await h.InStateAsync("s1", m => m.Checking);
        Assert.Equal(0.5, saga.Consistency);
        Assert.Null(saga.Clean);
        var request = h.Published<GenerateRequest>("s1").Last();
        Assert.Equal(SampleSteps.Checker, request.Step);
        Assert.Equal(h.Run.Prompts.Checker(h.Run.Sample("s1"), "Answer: B", "Reasoned.\nAnswer: C"), request.Messages);
        Assert.Equal(h.Run.Settings.Budgets.Checker, request.Options.MaxNewTokens);
        Assert.Empty(h.Published<EmbedRequest>("s1"));

        await h.CompleteAsync("s1", SampleSteps.Checker, "Answer: N");

        saga = await h.InStateAsync("s1", m => m.Embedding);
        Assert.Equal("Answer: N", saga.CheckerResponse);
        Assert.True(saga.Clean);
        Assert.Single(h.Published<EmbedRequest>("s1"));
    }
}
