using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.StateMachine;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Core.Answers;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.Decisions;

/// <summary>The per-sample decisions as pure functions: what each result records and which state it leads to.</summary>
public sealed class SampleProgressionTests
{
    private static RunContext Run(MethodOptions? method = null) => new(TestRunSettings.Create("r", method), TestSamples.Arc);

    private static SampleSaga Saga(string state, string sampleId = "s1") =>
        new() { CorrelationId = SampleIdentity.CorrelationId("r", sampleId), RunId = "r", SampleId = sampleId, CurrentState = state };

    private static GenerateCompleted Completed(string step, string text, float[]? logprobs = null, string? error = null) =>
        new(Guid.Empty, step, text, logprobs ?? [-0.1f], false, error);

    [Fact]
    public void The_base_completion_records_response_and_extracted_answer_and_leads_to_Reasoning()
    {
        var saga = Saga(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Base, "I think so.\nanswer: C"), Run());

        Assert.Equal(("I think so.\nanswer: C", "C", SampleStates.Reasoning), (saga.BaseResponse, saga.BaseAnswer, saga.NextState));
    }

    [Fact]
    public void A_reasoning_round_short_of_the_configured_rounds_stays_in_Reasoning_without_a_verdict()
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, "Answer: B"), Run(ShippedDefaults.Config.Method() with { ReasoningRounds = 3 }));

        Assert.Equal(SampleStates.Reasoning, saga.NextState);
        Assert.Equal(["Answer: B"], saga.ReasoningResponses);
        Assert.Null(saga.Consistency);
        Assert.Null(saga.Clean);
    }

    [Theory]
    [InlineData("B", "Answer: B", 1.0, true)]
    [InlineData("B", "Answer: C", 0.5, false)]
    [InlineData("A", "Answer: B", 0.5, false)]
    [InlineData("A", "Answer: C", 0.0, false)]
    public void The_last_reasoning_round_scores_both_experts_against_the_label_under_the_both_agree_rule(
        string baseAnswer, string reasoning, double r, bool clean)
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = baseAnswer;

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, reasoning), Run());

        Assert.Equal(r, saga.Consistency);
        Assert.Equal(clean, saga.Clean);
        Assert.Equal(SampleStates.Embedding, saga.NextState);
    }

    [Fact]
    public void The_threshold_rule_accepts_one_agreeing_expert_when_the_threshold_is_one_half()
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, "Answer: C"),
            Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Threshold, Threshold = 0.5 }));

        Assert.Equal((0.5, true, SampleStates.Embedding), (saga.Consistency, saga.Clean, saga.NextState));
    }

    [Fact]
    public void The_LLM_checker_rule_sends_the_sample_to_Checking_without_deciding()
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, "Answer: B"), Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm }));

        Assert.Equal((1.0, (bool?)null, SampleStates.Checking), (saga.Consistency, saga.Clean, saga.NextState));
    }

    [Theory]
    [InlineData("Answer: N", true)]
    [InlineData("Answer: Y", false)]
    [InlineData("unsure", false)]
    public void The_checker_verdict_decides_clean_only_on_N(string verdict, bool clean)
    {
        var saga = Saga(SampleStates.Checking);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Checker, verdict), Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm }));

        Assert.Equal((verdict, clean, SampleStates.Embedding), (saga.CheckerResponse, saga.Clean, saga.NextState));
    }

    [Fact]
    public void The_context_completion_records_entropy_rounded_to_six_decimals()
    {
        var saga = Saga(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Context, "Answer: D", [-0.2f, -0.4f, -0.5f]), Run());

        Assert.Equal(0.366667, saga.Entropy);
    }

    [Fact]
    public void The_context_completion_records_entropy_as_minus_the_mean_logprob()
    {
        var saga = Saga(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Context, "Answer: D", [-0.2f, -0.4f, -0.9f]), Run());

        Assert.Equal(("Answer: D", "D", SampleStates.Reviewing), (saga.ContextResponse, saga.ContextAnswer, saga.NextState));
        Assert.Equal(0.5, saga.Entropy!.Value, 6);
    }

    [Fact]
    public void A_context_completion_without_tokens_faults()
    {
        var saga = Saga(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Context, "Answer: D", []), Run());

        Assert.Equal(SampleStates.Faulted, saga.NextState);
        Assert.StartsWith("context:", saga.FaultReason, StringComparison.Ordinal);
        Assert.Null(saga.ContextResponse);
    }

    [Theory]
    [InlineData("Answer: D", AnswerMatching.Reference, "A", "D")]
    [InlineData("Answer: d.", AnswerMatching.Reference, "A", "A")]   // the reference takes only an exact option letter
    [InlineData("Answer: d.", AnswerMatching.Lenient, "A", "D")]
    [InlineData("Answer: E", AnswerMatching.Lenient, "A", "A")]
    [InlineData("no idea", AnswerMatching.Reference, "C", "C")]
    [InlineData("", AnswerMatching.Lenient, "C", "C")]
    public void The_review_label_wins_and_the_context_answer_is_the_fallback(string review, AnswerMatching matching, string contextAnswer, string final)
    {
        var saga = Saga(SampleStates.Reviewing);
        saga.ContextAnswer = contextAnswer;

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Review, review),
            Run(ShippedDefaults.Config.Method() with { AnswerMatching = matching }));

        Assert.Equal((final, SampleStates.AwaitingSelection), (saga.FinalLabel, saga.NextState));
        Assert.Equal(review, saga.ReviewResponse);
    }

    [Fact]
    public void A_review_with_no_usable_label_and_no_usable_context_answer_still_goes_to_selection_with_the_reason_naming_both()
    {
        var saga = Saga(SampleStates.Reviewing);
        saga.ContextAnswer = "Q";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Review, "Answer: Z"), Run());

        Assert.Equal(SampleStates.AwaitingSelection, saga.NextState);
        Assert.Contains("'Z'", saga.UnlabeledReason, StringComparison.Ordinal);
        Assert.Contains("'Q'", saga.UnlabeledReason, StringComparison.Ordinal);
        Assert.Null(saga.FaultReason);
        Assert.Null(saga.FinalLabel);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_ranked_sample_without_a_valid_label_ends_Unlabeled_and_is_never_kept(bool verdict)
    {
        var saga = Saga(SampleStates.AwaitingSelection);
        saga.UnlabeledReason = "review: no valid label";

        SampleProgression.ApplySelection(saga, new SelectionDecided(Guid.Empty, 2, verdict, 0.7));

        Assert.Equal((2, (bool?)false, SampleStates.Unlabeled), (saga.Rank, saga.Selected, saga.NextState));
        Assert.Equal("review: no valid label", saga.UnlabeledReason);
    }

    private static RunContext Ablated(Ablations ablations) => Run(ShippedDefaults.Config.Method() with { Ablations = ablations });

    [Theory]
    [InlineData("Answer: B", 1.0, true)]
    [InlineData("Answer: C", 0.0, false)]
    public void Without_the_reasoning_expert_the_base_answer_alone_decides(string response, double r, bool clean)
    {
        var saga = Saga(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Base, response), Ablated(new Ablations { NoReasoning = true }));

        Assert.Equal((r, (bool?)clean, SampleStates.Embedding), (saga.Consistency, saga.Clean, saga.NextState));
        Assert.Empty(saga.ReasoningResponses);
    }

    [Theory]
    [InlineData("Answer: B", SampleStates.Clean, "B")]
    [InlineData("Answer: C", SampleStates.Relabeling, null)]
    public void Without_context_a_checked_sample_skips_embedding_and_retrieval(string reasoning, string next, string? finalLabel)
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, reasoning), Ablated(new Ablations { NoContext = true }));

        Assert.Equal((next, finalLabel), (saga.NextState, saga.FinalLabel));
    }

    [Theory]
    [InlineData("Answer: B", SampleStates.Clean)]
    [InlineData("Answer: C", SampleStates.Dropped)]
    public void Without_relabeling_a_noisy_sample_is_dropped_right_after_the_check(string reasoning, string next)
    {
        var saga = Saga(SampleStates.Reasoning);
        saga.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Reasoning, reasoning), Ablated(new Ablations { NoRelabeling = true }));

        Assert.Equal(next, saga.NextState);
        Assert.Null(saga.Selected);
    }

    [Theory]
    [InlineData("Answer: D", "D", SampleStates.AwaitingSelection)]
    [InlineData("Answer: d", null, SampleStates.AwaitingSelection)] // reference matching: a new label is exactly an option letter
    [InlineData("Answer: Q", null, SampleStates.AwaitingSelection)]
    public void Without_review_the_context_answer_is_the_new_label(string context, string? finalLabel, string next)
    {
        var saga = Saga(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Context, context, [-0.5f]), Ablated(new Ablations { NoReview = true }));

        Assert.Equal((finalLabel, next), (saga.FinalLabel, saga.NextState));
        Assert.Equal(finalLabel is null, saga.UnlabeledReason is not null);
        Assert.Null(saga.ReviewResponse);
    }

    [Theory]
    [InlineData("Answer: D", SampleStates.Selected, true)]
    [InlineData("Answer: Z", SampleStates.Unlabeled, false)]
    public void Without_selection_every_relabeled_sample_is_kept_and_one_without_a_label_ends_Unlabeled(string review, string next, bool selected)
    {
        var saga = Saga(SampleStates.Reviewing);
        saga.ContextAnswer = "Q";

        SampleProgression.ApplyGeneration(saga, Completed(SampleSteps.Review, review), Ablated(new Ablations { NoSelection = true }));

        Assert.Equal((next, (bool?)selected, (int?)null), (saga.NextState, saga.Selected, saga.Rank));
    }

    [Fact]
    public void The_skipped_steps_follow_the_ablations_in_pipeline_order()
    {
        Assert.Empty(SampleSteps.Skipped(new Ablations()));
        Assert.Equal([SampleSteps.Reasoning], SampleSteps.Skipped(new Ablations { NoReasoning = true }));
        Assert.Equal([SampleSteps.Embed, SampleSteps.Retrieve], SampleSteps.Skipped(new Ablations { NoContext = true }));
        Assert.Equal([SampleSteps.Review], SampleSteps.Skipped(new Ablations { NoReview = true }));
        Assert.Equal([SampleSteps.Select], SampleSteps.Skipped(new Ablations { NoSelection = true }));
        Assert.Equal([SampleSteps.Embed, SampleSteps.Retrieve, SampleSteps.Context, SampleSteps.Review, SampleSteps.Select],
            SampleSteps.Skipped(new Ablations { NoRelabeling = true }));
    }

    [Theory]
    [InlineData(SampleSteps.Base)]
    [InlineData(SampleSteps.Reasoning)]
    [InlineData(SampleSteps.Context)]
    public void A_generation_error_faults_with_the_step_and_records_nothing_else(string step)
    {
        var saga = Saga(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(saga, Completed(step, "Answer: B", error: "out of memory"), Run());

        Assert.Equal((SampleStates.Faulted, $"{step}: out of memory"), (saga.NextState, saga.FaultReason));
        Assert.Null(saga.BaseResponse);
        Assert.Empty(saga.ReasoningResponses);
        Assert.Null(saga.ContextResponse);
    }

    [Fact]
    public void An_unknown_step_is_refused_naming_the_step_and_the_state()
    {
        var saga = Saga(SampleStates.Detecting);

        var e = Assert.Throws<InvalidOperationException>(() =>
            SampleProgression.ApplyGeneration(saga, Completed("translate", "x"), Run()));

        Assert.Contains("'translate'", e.Message, StringComparison.Ordinal);
        Assert.Contains(SampleStates.Detecting, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, SampleStates.Clean, "B")]
    [InlineData(false, SampleStates.AwaitingIndex, null)]
    public void The_embedding_finishes_a_clean_sample_with_its_own_label_and_parks_a_noisy_one(bool clean, string next, string? finalLabel)
    {
        var saga = Saga(SampleStates.Embedding);
        saga.Clean = clean;

        SampleProgression.ApplyEmbedding(saga, new EmbedCompleted(Guid.Empty, [0.1f, 0.2f], false, null), Run());

        Assert.Equal((next, finalLabel), (saga.NextState, saga.FinalLabel));
        Assert.Equal([0.1f, 0.2f], saga.Embedding!);
    }

    [Fact]
    public void An_embedding_error_faults()
    {
        var saga = Saga(SampleStates.Embedding);
        saga.Clean = true;

        SampleProgression.ApplyEmbedding(saga, new EmbedCompleted(Guid.Empty, [], false, "boom"), Run());

        Assert.Equal((SampleStates.Faulted, "embed: boom"), (saga.NextState, saga.FaultReason));
        Assert.Null(saga.Embedding);
    }

    [Fact]
    public void Retrieval_records_the_neighbours_in_order_and_leads_to_Relabeling()
    {
        var saga = Saga(SampleStates.Retrieving);

        SampleProgression.ApplyRetrieval(saga, new RetrieveCompleted(Guid.Empty, ["s4", "s2"], null));

        Assert.Equal(["s4", "s2"], saga.Neighbours!);
        Assert.Equal(SampleStates.Relabeling, saga.NextState);
    }

    [Fact]
    public void A_retrieval_error_faults()
    {
        var saga = Saga(SampleStates.Retrieving);

        SampleProgression.ApplyRetrieval(saga, new RetrieveCompleted(Guid.Empty, [], "no index"));

        Assert.Equal((SampleStates.Faulted, "retrieve: no index"), (saga.NextState, saga.FaultReason));
        Assert.Null(saga.Neighbours);
    }

    [Theory]
    [InlineData(true, SampleStates.Selected)]
    [InlineData(false, SampleStates.Dropped)]
    public void The_selection_verdict_records_rank_and_verdict(bool selected, string next)
    {
        var saga = Saga(SampleStates.AwaitingSelection);
        saga.FinalLabel = "C";

        SampleProgression.ApplySelection(saga, new SelectionDecided(Guid.Empty, 3, selected, 0.7));

        Assert.Equal((3, (bool?)selected, next), (saga.Rank, saga.Selected, saga.NextState));
    }

    [Theory]
    [InlineData(SampleStates.Detecting, 0, SampleSteps.Base)]
    [InlineData(SampleStates.Reasoning, 0, "reasoning")]
    [InlineData(SampleStates.Reasoning, 1, "reasoning-2")]
    [InlineData(SampleStates.Reasoning, 2, "reasoning-3")]
    [InlineData(SampleStates.Checking, 1, SampleSteps.Checker)]
    [InlineData(SampleStates.Relabeling, 1, SampleSteps.Context)]
    [InlineData(SampleStates.Reviewing, 1, SampleSteps.Review)]
    public void The_expected_step_follows_the_state_and_the_reasoning_rounds_done(string state, int roundsDone, string step)
    {
        var saga = Saga(state);
        for (var i = 0; i < roundsDone; i++) saga.ReasoningResponses.Add($"round {i + 1}");

        Assert.Equal(step, SampleProgression.ExpectedStep(saga));
    }

    [Theory]
    [InlineData(SampleStates.Embedding)]
    [InlineData(SampleStates.AwaitingIndex)]
    [InlineData(SampleStates.Retrieving)]
    [InlineData(SampleStates.AwaitingSelection)]
    [InlineData(SampleStates.Clean)]
    [InlineData(SampleStates.Selected)]
    [InlineData(SampleStates.Dropped)]
    [InlineData(SampleStates.Unlabeled)]
    [InlineData(SampleStates.Faulted)]
    [InlineData("")]
    public void States_that_wait_for_no_generation_expect_no_step(string state)
    {
        Assert.Null(SampleProgression.ExpectedStep(Saga(state)));
    }
}
