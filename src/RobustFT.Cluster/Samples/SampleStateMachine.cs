using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples.Activities;

namespace RobustFT.Cluster.Samples;

/// <summary>
/// One sample's journey through RobustFT, declared in one place:
/// <code>
///  StartSample ─► Detecting ─base─► Reasoning ─rounds─► [Checking] ─► Embedding ─┬─clean─► Clean
///                                                                              └─noisy─► AwaitingIndex
///  AwaitingIndex ─IndexReady─► Retrieving ─► Relabeling ─context─► Reviewing ─review─► AwaitingSelection
///  AwaitingSelection ─SelectionDecided─► Selected | Dropped | Unlabeled (no valid label)   any step error ─► Faulted
/// </code>
/// Ablations (<c>robustft.method.ablations</c>) skip steps: no reasoning goes from Detecting to the check; no context
/// or no relabeling skips embedding and retrieval (Clean, Relabeling or Dropped right after the check); no review
/// labels from the context answer; no selection keeps every relabeled sample (Selected or Unlabeled, no ranking).
/// Results that do not belong to the current state (duplicates, redeliveries, late or out-of-order messages) are
/// ignored; <see cref="StartSample"/> in a working state re-sends that state's request (resume).
/// </summary>
public sealed class SampleStateMachine : MassTransitStateMachine<SampleSaga>
{
    public State Detecting { get; private set; } = null!;
    public State Reasoning { get; private set; } = null!;
    public State Checking { get; private set; } = null!;
    public State Embedding { get; private set; } = null!;
    public State AwaitingIndex { get; private set; } = null!;
    public State Retrieving { get; private set; } = null!;
    public State Relabeling { get; private set; } = null!;
    public State Reviewing { get; private set; } = null!;
    public State AwaitingSelection { get; private set; } = null!;
    public State Clean { get; private set; } = null!;
    public State Selected { get; private set; } = null!;
    public State Dropped { get; private set; } = null!;
    public State Unlabeled { get; private set; } = null!;
    public State Faulted { get; private set; } = null!;

    public Event<StartSample> Started { get; private set; } = null!;
    public Event<GenerateCompleted> Generated { get; private set; } = null!;
    public Event<EmbedCompleted> Embedded { get; private set; } = null!;
    public Event<IndexReady> IndexBuilt { get; private set; } = null!;
    public Event<RetrieveCompleted> Retrieved { get; private set; } = null!;
    public Event<SelectionDecided> Decided { get; private set; } = null!;

    public SampleStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(m => m.Message.CorrelationId).SetSagaFactory(m => new SampleSaga
        {
            CorrelationId = m.Message.CorrelationId,
            RunId = m.Message.RunId,
            SampleId = m.Message.SampleId,
        }));
        Event(() => Generated, e => { e.CorrelateById(m => m.Message.CorrelationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Embedded, e => { e.CorrelateById(m => m.Message.CorrelationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => IndexBuilt, e => { e.CorrelateById(m => m.Message.CorrelationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Retrieved, e => { e.CorrelateById(m => m.Message.CorrelationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Decided, e => { e.CorrelateById(m => m.Message.CorrelationId); e.OnMissingInstance(m => m.Discard()); });

        Initially(
            When(Started).TransitionTo(Detecting).Activity(x => x.OfInstanceType<DispatchStepActivity>()));

        // Resume: re-send the request of a working state. Barrier and terminal states wait for the coordinator.
        During(new[] { Detecting, Reasoning, Checking, Embedding, Retrieving, Relabeling, Reviewing },
            When(Started).Activity(x => x.OfInstanceType<DispatchStepActivity>()));

        // After the check a sample goes to embedding or, when the run retrieves nothing (ablations), straight to Clean,
        // Relabeling or Dropped; SampleProgression decides which.
        During(Detecting, Follow(When(Generated, IsExpected).Activity(x => x.OfType<RecordResultActivity>()),
            Reasoning, Checking, Embedding, Clean, Relabeling, Dropped, Faulted));
        During(Reasoning, Follow(When(Generated, IsExpected).Activity(x => x.OfType<RecordResultActivity>()),
            Reasoning, Checking, Embedding, Clean, Relabeling, Dropped, Faulted));
        During(Checking, Follow(When(Generated, IsExpected).Activity(x => x.OfType<RecordResultActivity>()),
            Embedding, Clean, Relabeling, Dropped, Faulted));
        During(Embedding, Follow(When(Embedded).Activity(x => x.OfType<RecordResultActivity>()),
            Clean, AwaitingIndex, Faulted));
        During(AwaitingIndex,
            When(IndexBuilt).TransitionTo(Retrieving).Activity(x => x.OfInstanceType<DispatchStepActivity>()));
        During(Retrieving, Follow(When(Retrieved).Activity(x => x.OfType<RecordResultActivity>()),
            Relabeling, Faulted));
        During(Relabeling, Follow(When(Generated, IsExpected).Activity(x => x.OfType<RecordResultActivity>()),
            Reviewing, AwaitingSelection, Selected, Unlabeled, Faulted));
        During(Reviewing, Follow(When(Generated, IsExpected).Activity(x => x.OfType<RecordResultActivity>()),
            AwaitingSelection, Selected, Unlabeled, Faulted));
        During(AwaitingSelection, Follow(When(Decided).Activity(x => x.OfType<RecordResultActivity>()),
            Selected, Dropped, Unlabeled));

        OnUnhandledEvent(x => x.Ignore());
    }

    /// <summary>A completion counts only when it answers the step the saga is waiting for.</summary>
    private static bool IsExpected(BehaviorContext<SampleSaga, GenerateCompleted> c) =>
        c.Message.Step == SampleProgression.ExpectedStep(c.Saga);

    /// <summary>Moves to whichever of <paramref name="next"/> the recorded result chose (<see cref="SampleSaga.NextState"/>)
    /// and, for a working state, sends its request.</summary>
    private EventActivityBinder<SampleSaga, T> Follow<T>(EventActivityBinder<SampleSaga, T> binder, params State[] next)
        where T : class
    {
        foreach (var state in next)
        {
            var target = state;
            var working = !SampleStates.Waiting.Contains(target.Name);
            binder = binder.If(c => c.Saga.NextState == target.Name, b => working
                ? b.TransitionTo(target).Activity(x => x.OfInstanceType<DispatchStepActivity>())
                : b.TransitionTo(target));
        }
        return binder;
    }
}
