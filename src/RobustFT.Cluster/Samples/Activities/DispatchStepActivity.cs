using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Samples.Activities;

/// <summary>Sends the request of the saga's current state: the prompt of a generation step, the question to embed, or
/// the retrieval query. Used on entering a state and to re-drive a resumed sample, so it must be idempotent: the same
/// state always produces the same request (same prompt, same seed, hence the same cache key).</summary>
public sealed class DispatchStepActivity(RunCatalog runs) : IStateMachineActivity<SampleSaga>
{
    public void Probe(ProbeContext context) => context.CreateScope("dispatch-step");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<SampleSaga> context, IBehavior<SampleSaga> next)
    {
        await DispatchAsync(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<SampleSaga, T> context, IBehavior<SampleSaga, T> next) where T : class
    {
        await DispatchAsync(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<SampleSaga, TException> context, IBehavior<SampleSaga> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<SampleSaga, T, TException> context, IBehavior<SampleSaga, T> next)
        where T : class where TException : Exception => next.Faulted(context);

    private async Task DispatchAsync(BehaviorContext<SampleSaga> context)
    {
        var saga = context.Saga;
        var run = await runs.GetAsync(saga.RunId, context.CancellationToken);
        var sample = run.Sample(saga.SampleId);
        var prompts = run.Prompts;
        switch (saga.CurrentState)
        {
            case SampleStates.Detecting:
                await Generate(SampleSteps.Base, prompts.Vanilla(sample), run.Settings.Budgets.Base);
                break;
            case SampleStates.Reasoning:
                var round = saga.ReasoningResponses.Count + 1;
                await Generate(SampleSteps.ReasoningRound(round), StepPrompts.Reasoning(prompts, sample, saga, round), run.Settings.Budgets.Reasoning);
                break;
            case SampleStates.Checking:
                await Generate(SampleSteps.Checker, StepPrompts.Checker(prompts, sample, saga), run.Settings.Budgets.Checker);
                break;
            case SampleStates.Embedding:
                await context.Publish(new EmbedRequest(saga.CorrelationId, saga.RunId, saga.SampleId, sample.Question), context.CancellationToken);
                break;
            case SampleStates.Retrieving:
                await context.Publish(new RetrieveRequest(saga.CorrelationId, saga.RunId, saga.SampleId,
                    saga.Embedding ?? throw new InvalidOperationException($"sample {saga.SampleId} has no embedding"), run.Settings.Method.K), context.CancellationToken);
                break;
            case SampleStates.Relabeling:
                var neighbours = (saga.Neighbours ?? []).Select(run.Sample).ToList();
                await Generate(SampleSteps.Context, prompts.Context(sample, neighbours), run.Settings.Budgets.Context);
                break;
            case SampleStates.Reviewing:
                await Generate(SampleSteps.Review, StepPrompts.Review(prompts, sample, saga), run.Settings.Budgets.Review);
                break;
        }

        Task Generate(string step, IReadOnlyList<ChatMessage> messages, int maxNewTokens)
        {
            var s = run.Settings;
            // The context answer's log-probabilities become the selection entropy: scored alone, so that they do not
            // depend on the batch the request ran in (a resumed run recomputes in other batches).
            var options = new GenerationOptions(maxNewTokens, s.Temperature, s.TopP, s.TopK, StepSeed.For(s.Method.Seed, saga.SampleId, step),
                ScoreAlone: step == SampleSteps.Context);
            return context.Publish(new GenerateRequest(saga.CorrelationId, saga.RunId, saga.SampleId, step, messages, options), context.CancellationToken);
        }
    }
}
