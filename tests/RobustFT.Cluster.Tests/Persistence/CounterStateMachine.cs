using MassTransit;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>Started → Counting (each increment adds one) → Final; final instances are deleted or kept per <see cref="CounterFinalization"/>.</summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterSaga>
{
    public CounterStateMachine(CounterFinalization finalization)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Finished, e => e.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Started)
                .Then(c => c.Saga.RunId = c.Message.RunId)
                .TransitionTo(Counting));

        During(Counting,
            When(Incremented)
                .Then(c => c.Saga.Count++),
            When(Finished)
                .Finalize());

        if (finalization.DeleteWhenFinalized)
            SetCompletedWhenFinalized();
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterStarted> Started { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;

    public Event<CounterFinished> Finished { get; private set; } = null!;
}
