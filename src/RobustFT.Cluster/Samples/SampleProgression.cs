using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Answers;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Samples;

/// <summary>The method's per-sample decisions, as pure functions of the saga, the run and a step's result. Each sets
/// <see cref="SampleSaga.NextState"/>, which the state machine follows; none does I/O.</summary>
public static class SampleProgression
{
    /// <summary>Records a completion of the sample's current step.</summary>
    public static void ApplyGeneration(SampleSaga saga, GenerateCompleted result, RunContext run)
    {
        if (result.Error is not null)
        {
            Fault(saga, $"{result.Step}: {result.Error}");
            return;
        }
        var sample = run.Sample(saga.SampleId);
        var settings = run.Settings;
        switch (result.Step)
        {
            case SampleSteps.Base:
                saga.BaseResponse = result.Text;
                saga.BaseAnswer = AnswerExtractor.Extract(result.Text);
                if (settings.Method.Ablations.NoReasoning)
                {
                    // The checker uses the base expert alone: r is 1 when its answer matches the label, else 0.
                    saga.Consistency = ConsistencyChecker.Score(sample.Label, saga.BaseAnswer, saga.BaseAnswer, settings.Task, settings.Method.AnswerMatching);
                    Check(saga, run);
                    break;
                }
                saga.NextState = SampleStates.Reasoning;
                break;

            case var s when SampleSteps.IsReasoning(s):
                saga.ReasoningResponses.Add(result.Text);
                saga.ReasoningAnswer = AnswerExtractor.Extract(result.Text);
                if (saga.ReasoningResponses.Count < settings.Method.ReasoningRounds)
                {
                    saga.NextState = SampleStates.Reasoning;
                    break;
                }
                saga.Consistency = ConsistencyChecker.Score(sample.Label, saga.BaseAnswer ?? "", saga.ReasoningAnswer, settings.Task, settings.Method.AnswerMatching);
                Check(saga, run);
                break;

            case SampleSteps.Checker:
                saga.CheckerResponse = result.Text;
                saga.Clean = ConsistencyChecker.FromLlmVerdict(result.Text);
                AfterCheck(saga, run);
                break;

            case SampleSteps.Context:
                if (result.Logprobs.Length == 0)
                {
                    Fault(saga, "context: the response has no generated tokens, so its entropy is undefined");
                    return;
                }
                saga.ContextResponse = result.Text;
                saga.ContextAnswer = AnswerExtractor.Extract(result.Text);
                saga.Entropy = TokenEntropy.Rounded(result.Logprobs);
                if (settings.Method.Ablations.Reviews)
                {
                    saga.NextState = SampleStates.Reviewing;
                    break;
                }
                // No review: the context prediction is the new label.
                Relabel(saga, LabelNormalizer.Normalize(saga.ContextAnswer ?? "", sample, settings.Task, settings.Method.AnswerMatching),
                    $"context: the context prediction ('{saga.ContextAnswer}') is not a valid label", run);
                break;

            case SampleSteps.Review:
                saga.ReviewResponse = result.Text;
                saga.ReviewLabel = AnswerExtractor.Extract(result.Text);
                // The review agent's label, or the context prediction when the review gave no usable label.
                Relabel(saga, LabelNormalizer.Normalize(saga.ReviewLabel, sample, settings.Task, settings.Method.AnswerMatching)
                              ?? LabelNormalizer.Normalize(saga.ContextAnswer ?? "", sample, settings.Task, settings.Method.AnswerMatching),
                    $"review: neither the review ('{saga.ReviewLabel}') nor the context prediction ('{saga.ContextAnswer}') is a valid label", run);
                break;

            default:
                throw new InvalidOperationException($"sample {saga.SampleId}: unexpected step '{result.Step}' in state {saga.CurrentState}");
        }
    }

    /// <summary>Decides clean or noisy from the consistency score, or sends the sample to the LLM checker.</summary>
    private static void Check(SampleSaga saga, RunContext run)
    {
        var method = run.Settings.Method;
        if (method.Checker == CheckerRule.Llm)
        {
            saga.NextState = SampleStates.Checking;
            return;
        }
        saga.Clean = ConsistencyChecker.IsClean(saga.Consistency!.Value, method.Checker, method.Threshold);
        AfterCheck(saga, run);
    }

    /// <summary>Where a checked sample goes: to embedding when the run retrieves neighbours (for the clean index or its
    /// own context prompt); otherwise a clean sample is done, and a noisy one is relabeled without examples or, with no
    /// relabeling, dropped.</summary>
    private static void AfterCheck(SampleSaga saga, RunContext run)
    {
        var ablations = run.Settings.Method.Ablations;
        if (ablations.Retrieves) saga.NextState = SampleStates.Embedding;
        else if (saga.Clean == true) KeepGivenLabel(saga, run);
        else saga.NextState = ablations.Relabels ? SampleStates.Relabeling : SampleStates.Dropped;
    }

    private static void KeepGivenLabel(SampleSaga saga, RunContext run)
    {
        saga.FinalLabel = run.Sample(saga.SampleId).Label;
        saga.NextState = SampleStates.Clean;
    }

    /// <summary>Records the new label of a relabeled sample, or why it has none. Either way the sample goes to the
    /// entropy ranking (the reference ranks every relabeled sample); without selection it is kept, or ends Unlabeled.</summary>
    private static void Relabel(SampleSaga saga, string? label, string unlabeledReason, RunContext run)
    {
        if (label is null) saga.UnlabeledReason = unlabeledReason;
        else saga.FinalLabel = label;
        if (run.Settings.Method.Ablations.Selects)
        {
            saga.NextState = SampleStates.AwaitingSelection;
            return;
        }
        saga.Selected = label is not null;
        saga.NextState = label is null ? SampleStates.Unlabeled : SampleStates.Selected;
    }

    /// <summary>Records the question's embedding: clean samples are done (their label is kept), noisy ones wait for the
    /// clean index.</summary>
    public static void ApplyEmbedding(SampleSaga saga, EmbedCompleted result, RunContext run)
    {
        if (result.Error is not null)
        {
            Fault(saga, $"embed: {result.Error}");
            return;
        }
        saga.Embedding = result.Vector;
        if (saga.Clean == true) KeepGivenLabel(saga, run);
        else saga.NextState = SampleStates.AwaitingIndex;
    }

    public static void ApplyRetrieval(SampleSaga saga, RetrieveCompleted result)
    {
        if (result.Error is not null)
        {
            Fault(saga, $"retrieve: {result.Error}");
            return;
        }
        saga.Neighbours = result.NeighbourIds;
        saga.NextState = SampleStates.Relabeling;
    }

    /// <summary>Records the sample's rank; a sample without a valid label ranks but is never kept.</summary>
    public static void ApplySelection(SampleSaga saga, SelectionDecided decision)
    {
        saga.Rank = decision.Rank;
        if (saga.FinalLabel is null)
        {
            saga.Selected = false;
            saga.NextState = SampleStates.Unlabeled;
            return;
        }
        saga.Selected = decision.Selected;
        saga.NextState = decision.Selected ? SampleStates.Selected : SampleStates.Dropped;
    }

    /// <summary>The step whose completion the saga waits for in its current state, or null when it waits for none.</summary>
    public static string? ExpectedStep(SampleSaga saga) => saga.CurrentState switch
    {
        SampleStates.Detecting => SampleSteps.Base,
        SampleStates.Reasoning => SampleSteps.ReasoningRound(saga.ReasoningResponses.Count + 1),
        SampleStates.Checking => SampleSteps.Checker,
        SampleStates.Relabeling => SampleSteps.Context,
        SampleStates.Reviewing => SampleSteps.Review,
        _ => null,
    };

    private static void Fault(SampleSaga saga, string reason)
    {
        saga.FaultReason = reason;
        saga.NextState = SampleStates.Faulted;
    }
}
