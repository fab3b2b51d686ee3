using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Samples.Activities;

/// <summary>Applies a step's result to the saga through <see cref="SampleProgression"/>; loads the run's (cached)
/// settings and samples, nothing else.</summary>
public sealed class RecordResultActivity(RunCatalog runs) :
    IStateMachineActivity<SampleSaga, GenerateCompleted>,
    IStateMachineActivity<SampleSaga, EmbedCompleted>,
    IStateMachineActivity<SampleSaga, RetrieveCompleted>,
    IStateMachineActivity<SampleSaga, SelectionDecided>
{
    public void Probe(ProbeContext context) => context.CreateScope("record-result");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<SampleSaga, GenerateCompleted> context, IBehavior<SampleSaga, GenerateCompleted> next)
    {
        var run = await runs.GetAsync(context.Saga.RunId, context.CancellationToken);
        SampleProgression.ApplyGeneration(context.Saga, context.Message, run);
        await next.Execute(context);
    }

    public async Task Execute(BehaviorContext<SampleSaga, EmbedCompleted> context, IBehavior<SampleSaga, EmbedCompleted> next)
    {
        var run = await runs.GetAsync(context.Saga.RunId, context.CancellationToken);
        SampleProgression.ApplyEmbedding(context.Saga, context.Message, run);
        await next.Execute(context);
    }

    public Task Execute(BehaviorContext<SampleSaga, RetrieveCompleted> context, IBehavior<SampleSaga, RetrieveCompleted> next)
    {
        SampleProgression.ApplyRetrieval(context.Saga, context.Message);
        return next.Execute(context);
    }

    public Task Execute(BehaviorContext<SampleSaga, SelectionDecided> context, IBehavior<SampleSaga, SelectionDecided> next)
    {
        SampleProgression.ApplySelection(context.Saga, context.Message);
        return next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<SampleSaga, GenerateCompleted, TException> context, IBehavior<SampleSaga, GenerateCompleted> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<TException>(BehaviorExceptionContext<SampleSaga, EmbedCompleted, TException> context, IBehavior<SampleSaga, EmbedCompleted> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<TException>(BehaviorExceptionContext<SampleSaga, RetrieveCompleted, TException> context, IBehavior<SampleSaga, RetrieveCompleted> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<TException>(BehaviorExceptionContext<SampleSaga, SelectionDecided, TException> context, IBehavior<SampleSaga, SelectionDecided> next)
        where TException : Exception => next.Faulted(context);
}
