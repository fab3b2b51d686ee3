using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Answers;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Samples;

/// <summary>The method's per-sample decisions, as pure functions of the sample's record, the run and a step's recorded result. Each sets
/// <see cref="SampleRecord.NextState"/>, which <see cref="SampleJourney"/> makes the current state; none does I/O.</summary>
public static class SampleProgression
{
    /// <summary>Records a completion of the sample's current step.</summary>
    public static void ApplyGeneration(SampleRecord record, GenerationRecorded result, RunContext run)
    {
        if (result.Error is not null)
        {
            Fault(record, $"{result.Step}: {result.Error}");
            return;
        }
        var sample = run.Sample(record.SampleId);
        var settings = run.Settings;
        switch (result.Step)
        {
            case SampleSteps.Base:
                record.BaseResponse = result.Text;
                record.BaseAnswer = AnswerExtractor.Extract(result.Text);
                if (settings.Method.Ablations.NoReasoning)
                {
                    // The checker uses the base expert alone: r is 1 when its answer matches the label, else 0.
                    record.Consistency = ConsistencyChecker.Score(sample.Label, record.BaseAnswer, record.BaseAnswer, settings.Task, settings.Method.AnswerMatching);
                    Check(record, run);
                    break;
                }
                record.NextState = SampleStates.Reasoning;
                break;

            case var s when SampleSteps.IsReasoning(s):
                record.ReasoningResponses.Add(result.Text);
                record.ReasoningAnswer = AnswerExtractor.Extract(result.Text);
                if (record.ReasoningResponses.Count < settings.Method.ReasoningRounds)
                {
                    record.NextState = SampleStates.Reasoning;
                    break;
                }
                record.Consistency = ConsistencyChecker.Score(sample.Label, record.BaseAnswer ?? "", record.ReasoningAnswer, settings.Task, settings.Method.AnswerMatching);
                Check(record, run);
                break;

            case SampleSteps.Checker:
                record.CheckerResponse = result.Text;
                record.Clean = ConsistencyChecker.FromLlmVerdict(result.Text);
                AfterCheck(record, run);
                break;

            case SampleSteps.Context:
                if (result.Logprobs.Length == 0)
                {
                    Fault(record, "context: the response has no generated tokens, so its entropy is undefined");
                    return;
                }
                record.ContextResponse = result.Text;
                record.ContextAnswer = AnswerExtractor.Extract(result.Text);
                record.Entropy = TokenEntropy.Rounded(result.Logprobs);
                if (settings.Method.Ablations.Reviews)
                {
                    record.NextState = SampleStates.Reviewing;
                    break;
                }
                // No review: the context prediction is the new label.
                Relabel(record, LabelNormalizer.Normalize(record.ContextAnswer ?? "", sample, settings.Task, settings.Method.AnswerMatching),
                    $"context: the context prediction ('{record.ContextAnswer}') is not a valid label", run);
                break;

            case SampleSteps.Review:
                record.ReviewResponse = result.Text;
                record.ReviewLabel = AnswerExtractor.Extract(result.Text);
                // The review agent's label, or the context prediction when the review gave no usable label.
                Relabel(record, LabelNormalizer.Normalize(record.ReviewLabel, sample, settings.Task, settings.Method.AnswerMatching)
                              ?? LabelNormalizer.Normalize(record.ContextAnswer ?? "", sample, settings.Task, settings.Method.AnswerMatching),
                    $"review: neither the review ('{record.ReviewLabel}') nor the context prediction ('{record.ContextAnswer}') is a valid label", run);
                break;

            default:
                throw new InvalidOperationException($"sample {record.SampleId}: unexpected step '{result.Step}' in state {record.CurrentState}");
        }
    }

    /// <summary>Decides clean or noisy from the consistency score, or sends the sample to the LLM checker.</summary>
    private static void Check(SampleRecord record, RunContext run)
    {
        var method = run.Settings.Method;
        if (method.Checker == CheckerRule.Llm)
        {
            record.NextState = SampleStates.Checking;
            return;
        }
        record.Clean = ConsistencyChecker.IsClean(record.Consistency!.Value, method.Checker, method.Threshold);
        AfterCheck(record, run);
    }

    /// <summary>Where a checked sample goes: to embedding when the run retrieves neighbours (for the clean index or its
    /// own context prompt); otherwise a clean sample is done, and a noisy one is relabeled without examples or, with no
    /// relabeling, dropped.</summary>
    private static void AfterCheck(SampleRecord record, RunContext run)
    {
        var ablations = run.Settings.Method.Ablations;
        if (ablations.Retrieves) record.NextState = SampleStates.Embedding;
        else if (record.Clean == true) KeepGivenLabel(record, run);
        else record.NextState = ablations.Relabels ? SampleStates.Relabeling : SampleStates.Dropped;
    }

    private static void KeepGivenLabel(SampleRecord record, RunContext run)
    {
        record.FinalLabel = run.Sample(record.SampleId).Label;
        record.NextState = SampleStates.Clean;
    }

    /// <summary>Records the new label of a relabeled sample, or why it has none. Either way the sample goes to the
    /// entropy ranking (the reference ranks every relabeled sample); without selection it is kept, or ends Unlabeled.</summary>
    private static void Relabel(SampleRecord record, string? label, string unlabeledReason, RunContext run)
    {
        if (label is null) record.UnlabeledReason = unlabeledReason;
        else record.FinalLabel = label;
        if (run.Settings.Method.Ablations.Selects)
        {
            record.NextState = SampleStates.AwaitingSelection;
            return;
        }
        record.Selected = label is not null;
        record.NextState = label is null ? SampleStates.Unlabeled : SampleStates.Selected;
    }

    /// <summary>Records the question's embedding: clean samples are done (their label is kept), noisy ones wait for the
    /// clean index.</summary>
    public static void ApplyEmbedding(SampleRecord record, EmbeddingRecorded result, RunContext run)
    {
        if (result.Error is not null)
        {
            Fault(record, $"embed: {result.Error}");
            return;
        }
        record.Embedding = result.Vector;
        if (record.Clean == true) KeepGivenLabel(record, run);
        else record.NextState = SampleStates.AwaitingIndex;
    }

    public static void ApplyRetrieval(SampleRecord record, NeighboursRecorded result)
    {
        if (result.Error is not null)
        {
            Fault(record, $"retrieve: {result.Error}");
            return;
        }
        record.Neighbours = result.NeighbourIds;
        record.NextState = SampleStates.Relabeling;
    }

    /// <summary>Records the sample's rank; a sample without a valid label ranks but is never kept.</summary>
    public static void ApplySelection(SampleRecord record, SelectionRecorded decision)
    {
        record.Rank = decision.Rank;
        if (record.FinalLabel is null)
        {
            record.Selected = false;
            record.NextState = SampleStates.Unlabeled;
            return;
        }
        record.Selected = decision.Selected;
        record.NextState = decision.Selected ? SampleStates.Selected : SampleStates.Dropped;
    }

    /// <summary>The step whose completion the record waits for in its current state, or null when it waits for none.</summary>
    public static string? ExpectedStep(SampleRecord record) => record.CurrentState switch
    {
        SampleStates.Detecting => SampleSteps.Base,
        SampleStates.Reasoning => SampleSteps.ReasoningRound(record.ReasoningResponses.Count + 1),
        SampleStates.Checking => SampleSteps.Checker,
        SampleStates.Relabeling => SampleSteps.Context,
        SampleStates.Reviewing => SampleSteps.Review,
        _ => null,
    };

    private static void Fault(SampleRecord record, string reason)
    {
        record.FaultReason = reason;
        record.NextState = SampleStates.Faulted;
    }
}
