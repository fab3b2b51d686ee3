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
                if (settings.Method.Checker == CheckerRule.Llm)
                {
                    saga.NextState = SampleStates.Checking;
                    break;
                }
                saga.Clean = ConsistencyChecker.IsClean(saga.Consistency.Value, settings.Method.Checker, settings.Method.Threshold);
                saga.NextState = SampleStates.Embedding;
                break;

            case SampleSteps.Checker:
                saga.CheckerResponse = result.Text;
                saga.Clean = ConsistencyChecker.FromLlmVerdict(result.Text);
                saga.NextState = SampleStates.Embedding;
                break;

            case SampleSteps.Context:
                if (result.Logprobs.Length == 0)
                {
                    Fault(saga, "context: the response has no generated tokens, so its entropy is undefined");
                    return;
                }
                saga.ContextResponse = result.Text;
                saga.ContextAnswer = AnswerExtractor.Extract(result.Text);
                saga.Entropy = TokenEntropy.FromLogprobs(result.Logprobs);
                saga.NextState = SampleStates.Reviewing;
                break;

            case SampleSteps.Review:
                saga.ReviewResponse = result.Text;
                saga.ReviewLabel = AnswerExtractor.Extract(result.Text);
                // The review agent's label, or the context prediction when the review gave no usable label.
                var label = LabelNormalizer.Normalize(saga.ReviewLabel, sample, settings.Task, settings.Method.AnswerMatching)
                            ?? LabelNormalizer.Normalize(saga.ContextAnswer ?? "", sample, settings.Task, settings.Method.AnswerMatching);
                if (label is null)
                {
                    Fault(saga, $"review: neither the review ('{saga.ReviewLabel}') nor the context prediction ('{saga.ContextAnswer}') is a valid label");
                    return;
                }
                saga.FinalLabel = label;
                saga.NextState = SampleStates.AwaitingSelection;
                break;

            default:
                throw new InvalidOperationException($"sample {saga.SampleId}: unexpected step '{result.Step}' in state {saga.CurrentState}");
        }
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
        if (saga.Clean == true)
        {
            saga.FinalLabel = run.Sample(saga.SampleId).Label;
            saga.NextState = SampleStates.Clean;
        }
        else
        {
            saga.NextState = SampleStates.AwaitingIndex;
        }
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

    public static void ApplySelection(SampleSaga saga, SelectionDecided decision)
    {
        saga.Rank = decision.Rank;
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
