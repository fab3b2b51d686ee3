using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Core.Answers;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.Decisions;

/// <summary>The per-sample decisions as pure functions: what each result records and which state it leads to.</summary>
public sealed class SampleProgressionTests
{
    private static RunContext Run(MethodOptions? method = null) => new(TestRunSettings.Create("r", method), TestSamples.Arc);

    private static SampleRecord Record(string state, string sampleId = "s1") =>
        new() { RunId = "r", SampleId = sampleId, CurrentState = state };

    private static GenerationRecorded Completed(string step, string text, float[]? logprobs = null, string? error = null) =>
        new(step, text, logprobs ?? [-0.1f], error);

    [Fact]
    public void The_base_completion_records_response_and_extracted_answer_and_leads_to_Reasoning()
    {
        var record = Record(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Base, "I think so.\nanswer: C"), Run());

        Assert.Equal(("I think so.\nanswer: C", "C", SampleStates.Reasoning), (record.BaseResponse, record.BaseAnswer, record.NextState));
    }

    [Fact]
    public void A_reasoning_round_short_of_the_configured_rounds_stays_in_Reasoning_without_a_verdict()
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, "Answer: B"), Run(ShippedDefaults.Config.Method() with { ReasoningRounds = 3 }));

        Assert.Equal(SampleStates.Reasoning, record.NextState);
        Assert.Equal(["Answer: B"], record.ReasoningResponses);
        Assert.Null(record.Consistency);
        Assert.Null(record.Clean);
    }

    [Theory]
    [InlineData("B", "Answer: B", 1.0, true)]
    [InlineData("B", "Answer: C", 0.5, false)]
    [InlineData("A", "Answer: B", 0.5, false)]
    [InlineData("A", "Answer: C", 0.0, false)]
    public void The_last_reasoning_round_scores_both_experts_against_the_label_under_the_both_agree_rule(
        string baseAnswer, string reasoning, double r, bool clean)
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = baseAnswer;

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, reasoning), Run());

        Assert.Equal(r, record.Consistency);
        Assert.Equal(clean, record.Clean);
        Assert.Equal(SampleStates.Embedding, record.NextState);
    }

    [Fact]
    public void The_threshold_rule_accepts_one_agreeing_expert_when_the_threshold_is_one_half()
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, "Answer: C"),
            Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Threshold, Threshold = 0.5 }));

        Assert.Equal((0.5, true, SampleStates.Embedding), (record.Consistency, record.Clean, record.NextState));
    }

    [Fact]
    public void The_LLM_checker_rule_sends_the_sample_to_Checking_without_deciding()
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, "Answer: B"), Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm }));

        Assert.Equal((1.0, (bool?)null, SampleStates.Checking), (record.Consistency, record.Clean, record.NextState));
    }

    [Theory]
    [InlineData("Answer: N", true)]
    [InlineData("Answer: Y", false)]
    [InlineData("unsure", false)]
    public void The_checker_verdict_decides_clean_only_on_N(string verdict, bool clean)
    {
        var record = Record(SampleStates.Checking);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Checker, verdict), Run(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm }));

        Assert.Equal((verdict, clean, SampleStates.Embedding), (record.CheckerResponse, record.Clean, record.NextState));
    }

    [Fact]
    public void The_context_completion_records_entropy_rounded_to_six_decimals()
    {
        var record = Record(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Context, "Answer: D", [-0.2f, -0.4f, -0.5f]), Run());

        Assert.Equal(0.366667, record.Entropy);
    }

    [Fact]
    public void The_context_completion_records_entropy_as_minus_the_mean_logprob()
    {
        var record = Record(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Context, "Answer: D", [-0.2f, -0.4f, -0.9f]), Run());

        Assert.Equal(("Answer: D", "D", SampleStates.Reviewing), (record.ContextResponse, record.ContextAnswer, record.NextState));
        Assert.Equal(0.5, record.Entropy!.Value, 6);
    }

    [Fact]
    public void A_context_completion_without_tokens_faults()
    {
        var record = Record(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Context, "Answer: D", []), Run());

        Assert.Equal(SampleStates.Faulted, record.NextState);
        Assert.StartsWith("context:", record.FaultReason, StringComparison.Ordinal);
        Assert.Null(record.ContextResponse);
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
        var record = Record(SampleStates.Reviewing);
        record.ContextAnswer = contextAnswer;

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Review, review),
            Run(ShippedDefaults.Config.Method() with { AnswerMatching = matching }));

        Assert.Equal((final, SampleStates.AwaitingSelection), (record.FinalLabel, record.NextState));
        Assert.Equal(review, record.ReviewResponse);
    }

    [Fact]
    public void A_review_with_no_usable_label_and_no_usable_context_answer_still_goes_to_selection_with_the_reason_naming_both()
    {
        var record = Record(SampleStates.Reviewing);
        record.ContextAnswer = "Q";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Review, "Answer: Z"), Run());

        Assert.Equal(SampleStates.AwaitingSelection, record.NextState);
        Assert.Contains("'Z'", record.UnlabeledReason, StringComparison.Ordinal);
        Assert.Contains("'Q'", record.UnlabeledReason, StringComparison.Ordinal);
        Assert.Null(record.FaultReason);
        Assert.Null(record.FinalLabel);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_ranked_sample_without_a_valid_label_ends_Unlabeled_and_is_never_kept(bool verdict)
    {
        var record = Record(SampleStates.AwaitingSelection);
        record.UnlabeledReason = "review: no valid label";

        SampleProgression.ApplySelection(record, new SelectionRecorded(2, verdict, 0.7));

        Assert.Equal((2, (bool?)false, SampleStates.Unlabeled), (record.Rank, record.Selected, record.NextState));
        Assert.Equal("review: no valid label", record.UnlabeledReason);
    }

    private static RunContext Ablated(Ablations ablations) => Run(ShippedDefaults.Config.Method() with { Ablations = ablations });

    [Theory]
    [InlineData("Answer: B", 1.0, true)]
    [InlineData("Answer: C", 0.0, false)]
    public void Without_the_reasoning_expert_the_base_answer_alone_decides(string response, double r, bool clean)
    {
        var record = Record(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Base, response), Ablated(new Ablations { NoReasoning = true }));

        Assert.Equal((r, (bool?)clean, SampleStates.Embedding), (record.Consistency, record.Clean, record.NextState));
        Assert.Empty(record.ReasoningResponses);
    }

    [Theory]
    [InlineData("Answer: B", SampleStates.Clean, "B")]
    [InlineData("Answer: C", SampleStates.Relabeling, null)]
    public void Without_context_a_checked_sample_skips_embedding_and_retrieval(string reasoning, string next, string? finalLabel)
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, reasoning), Ablated(new Ablations { NoContext = true }));

        Assert.Equal((next, finalLabel), (record.NextState, record.FinalLabel));
    }

    [Theory]
    [InlineData("Answer: B", SampleStates.Clean)]
    [InlineData("Answer: C", SampleStates.Dropped)]
    public void Without_relabeling_a_noisy_sample_is_dropped_right_after_the_check(string reasoning, string next)
    {
        var record = Record(SampleStates.Reasoning);
        record.BaseAnswer = "B";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Reasoning, reasoning), Ablated(new Ablations { NoRelabeling = true }));

        Assert.Equal(next, record.NextState);
        Assert.Null(record.Selected);
    }

    [Theory]
    [InlineData("Answer: D", "D", SampleStates.AwaitingSelection)]
    [InlineData("Answer: d", null, SampleStates.AwaitingSelection)] // reference matching: a new label is exactly an option letter
    [InlineData("Answer: Q", null, SampleStates.AwaitingSelection)]
    public void Without_review_the_context_answer_is_the_new_label(string context, string? finalLabel, string next)
    {
        var record = Record(SampleStates.Relabeling);

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Context, context, [-0.5f]), Ablated(new Ablations { NoReview = true }));

        Assert.Equal((finalLabel, next), (record.FinalLabel, record.NextState));
        Assert.Equal(finalLabel is null, record.UnlabeledReason is not null);
        Assert.Null(record.ReviewResponse);
    }

    [Theory]
    [InlineData("Answer: D", SampleStates.Selected, true)]
    [InlineData("Answer: Z", SampleStates.Unlabeled, false)]
    public void Without_selection_every_relabeled_sample_is_kept_and_one_without_a_label_ends_Unlabeled(string review, string next, bool selected)
    {
        var record = Record(SampleStates.Reviewing);
        record.ContextAnswer = "Q";

        SampleProgression.ApplyGeneration(record, Completed(SampleSteps.Review, review), Ablated(new Ablations { NoSelection = true }));

        Assert.Equal((next, (bool?)selected, (int?)null), (record.NextState, record.Selected, record.Rank));
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
        var record = Record(SampleStates.Detecting);

        SampleProgression.ApplyGeneration(record, Completed(step, "Answer: B", error: "out of memory"), Run());

        Assert.Equal((SampleStates.Faulted, $"{step}: out of memory"), (record.NextState, record.FaultReason));
        Assert.Null(record.BaseResponse);
        Assert.Empty(record.ReasoningResponses);
        Assert.Null(record.ContextResponse);
    }

    [Fact]
    public void An_unknown_step_is_refused_naming_the_step_and_the_state()
    {
        var record = Record(SampleStates.Detecting);

        var e = Assert.Throws<InvalidOperationException>(() =>
            SampleProgression.ApplyGeneration(record, Completed("translate", "x"), Run()));

        Assert.Contains("'translate'", e.Message, StringComparison.Ordinal);
        Assert.Contains(SampleStates.Detecting, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, SampleStates.Clean, "B")]
    [InlineData(false, SampleStates.AwaitingIndex, null)]
    public void The_embedding_finishes_a_clean_sample_with_its_own_label_and_parks_a_noisy_one(bool clean, string next, string? finalLabel)
    {
        var record = Record(SampleStates.Embedding);
        record.Clean = clean;

        SampleProgression.ApplyEmbedding(record, new EmbeddingRecorded([0.1f, 0.2f], null), Run());

        Assert.Equal((next, finalLabel), (record.NextState, record.FinalLabel));
        Assert.Equal([0.1f, 0.2f], record.Embedding!);
    }

    [Fact]
    public void An_embedding_error_faults()
    {
        var record = Record(SampleStates.Embedding);
        record.Clean = true;

        SampleProgression.ApplyEmbedding(record, new EmbeddingRecorded([], "boom"), Run());

        Assert.Equal((SampleStates.Faulted, "embed: boom"), (record.NextState, record.FaultReason));
        Assert.Null(record.Embedding);
    }

    [Fact]
    public void Retrieval_records_the_neighbours_in_order_and_leads_to_Relabeling()
    {
        var record = Record(SampleStates.Retrieving);

        SampleProgression.ApplyRetrieval(record, new NeighboursRecorded(["s4", "s2"], null));

        Assert.Equal(["s4", "s2"], record.Neighbours!);
        Assert.Equal(SampleStates.Relabeling, record.NextState);
    }

    [Fact]
    public void A_retrieval_error_faults()
    {
        var record = Record(SampleStates.Retrieving);

        SampleProgression.ApplyRetrieval(record, new NeighboursRecorded([], "no index"));

        Assert.Equal((SampleStates.Faulted, "retrieve: no index"), (record.NextState, record.FaultReason));
        Assert.Null(record.Neighbours);
    }

    [Theory]
    [InlineData(true, SampleStates.Selected)]
    [InlineData(false, SampleStates.Dropped)]
    public void The_selection_verdict_records_rank_and_verdict(bool selected, string next)
    {
        var record = Record(SampleStates.AwaitingSelection);
        record.FinalLabel = "C";

        SampleProgression.ApplySelection(record, new SelectionRecorded(3, selected, 0.7));

        Assert.Equal((3, (bool?)selected, next), (record.Rank, record.Selected, record.NextState));
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
        var record = Record(state);
        for (var i = 0; i < roundsDone; i++) record.ReasoningResponses.Add($"round {i + 1}");

        Assert.Equal(step, SampleProgression.ExpectedStep(record));
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
        Assert.Null(SampleProgression.ExpectedStep(Record(state)));
    }
}
