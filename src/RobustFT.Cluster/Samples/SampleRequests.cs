using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Samples;

/// <summary>The request of a sample's current state: the prompt of a generation step, the question to embed, or the
/// retrieval query. Pure and deterministic: the same state always gives the same request (same id, prompt and seed,
/// hence the same inference-cache key), so re-sending it after a timeout, a crash or a re-drive costs nothing twice.</summary>
public static class SampleRequests
{
    /// <summary>The request to send in the record's current state, or null in a state that waits (barriers, terminal).</summary>
    public static object? For(SampleRecord record, RunContext run)
    {
        var sample = run.Sample(record.SampleId);
        var prompts = run.Prompts;
        var budgets = run.Settings.Budgets;
        switch (record.CurrentState)
        {
            case SampleStates.Detecting:
                return Generate(SampleSteps.Base, prompts.Vanilla(sample), budgets.Base);
            case SampleStates.Reasoning:
                var round = record.ReasoningResponses.Count + 1;
                return Generate(SampleSteps.ReasoningRound(round), StepPrompts.Reasoning(prompts, sample, record, round), budgets.Reasoning);
            case SampleStates.Checking:
                return Generate(SampleSteps.Checker, StepPrompts.Checker(prompts, sample, record), budgets.Checker);
            case SampleStates.Embedding:
                return new EmbedRequest(RequestId(record, SampleSteps.Embed), record.RunId, record.SampleId, sample.Question);
            case SampleStates.Retrieving:
                return new RetrieveRequest(record.RunId, record.SampleId,
                    record.Embedding ?? throw new InvalidOperationException($"sample {record.SampleId} has no embedding"), run.Settings.Method.K);
            case SampleStates.Relabeling:
                var neighbours = (record.Neighbours ?? []).Select(run.Sample).ToList();
                return Generate(SampleSteps.Context, prompts.Context(sample, neighbours), budgets.Context);
            case SampleStates.Reviewing:
                return Generate(SampleSteps.Review, StepPrompts.Review(prompts, sample, record), budgets.Review);
            default:
                return null;
        }

        GenerateRequest Generate(string step, IReadOnlyList<ChatMessage> messages, int maxNewTokens)
        {
            var s = run.Settings;
            // The context answer's log-probabilities become the selection entropy: scored alone, so that they do not
            // depend on the batch the request ran in (a resumed run recomputes in other batches).
            var options = new GenerationOptions(maxNewTokens, s.Temperature, s.TopP, s.TopK, StepSeed.For(s.Method.Seed, record.SampleId, step),
                ScoreAlone: step == SampleSteps.Context);
            // An array: Akka's JSON serializer records the concrete type of a list, and the compiler's collection-expression
            // types (what PromptBuilder returns) cannot be rebuilt on the node that receives the request.
            return new GenerateRequest(RequestId(record, step), record.RunId, record.SampleId, step, messages.ToArray(), options);
        }
    }

    /// <summary>(run, sample, step): the idempotency key of a step's request.</summary>
    public static string RequestId(SampleRecord record, string step) => $"{record.RunId}/{record.SampleId}/{step}";
}
