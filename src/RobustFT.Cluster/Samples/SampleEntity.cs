using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Samples;

/// <summary>
/// One sample of one run as a persistent actor, hosted by Cluster Sharding (entity id <see cref="SampleEntityId.For"/>).
/// It moves only data: <see cref="SampleJourney.Decide"/> says which event a message leads to, the event is persisted
/// (tagged with the run) and only then applied (<see cref="SampleJourney.Apply"/>, the same code as on recovery) and the
/// next state's request (<see cref="SampleRequests.For"/>) sent.
/// <code>
///  recovery: collect events ─► RecoveryCompleted ─► load the RunContext (commands stashed) ─► replay ─► behaviour
///
///  (not started) ─StartSample─► Working ─result─► Working … ─► AtBarrier ─IndexReady/SelectionDecided─► Working …
///                                   │                             │ (stays with a waiting slot, else passivates)
///                                   └─────────────────────────────┴──────────────► Finished (passivates)
/// </code>
/// An entity that reaches a barrier stays in memory while its node has a free waiting slot
/// (<see cref="SampleEntityOptions.WaitingPerNode"/>, <see cref="WaitingEntitySlots"/>), so the barrier's message finds it
/// live; beyond that it passivates and the message recovers it from the journal. That message usually reaches the new
/// incarnation while it recovers and is handled before its note to passivate; when it comes later (the shard tells an
/// entity its message only after creating it), the passivating entity hands it back and the shard, once the entity
/// stopped, starts it again with the buffered message.
/// A working state's request is sent on entry, again on <see cref="StartSample"/> and after the request timeout (same
/// request id, same cache key). Results that do not belong to the current state (duplicates, late, out of order) are
/// ignored. There are no snapshots: a sample has at most a dozen small events, and a snapshot would add a write per
/// sample to save reading them; so recovery does not ask the snapshot store either (<see cref="Recovery"/>).
/// <para>A journal that fails a write (its call timeout, its circuit breaker open) stops the entity: Akka.Persistence
/// stops a persistent actor after <see cref="OnPersistFailure"/>, since whether the event was stored is unknown. Before it
/// stops, the entity schedules the command it was persisting back to its shard after
/// <see cref="SampleEntityOptions.PersistRetryAfter"/>; a new incarnation recovers whatever was stored and decides the
/// command again — ignored if the event had been stored after all (a working state's recovery then sends the next
/// request), persisted otherwise. A recovery that fails (the journal again) schedules a <see cref="StartSample"/> the
/// same way: a working sample's new incarnation re-sends its request, a waiting one gets its barrier message again from
/// the coordinator (which repeats a barrier message whose sample did not move). So a sample whose write failed goes on
/// after a few seconds, not after the coordinator's re-drive of a stalled run; every step stays idempotent because
/// <see cref="SampleJourney.Decide"/> ignores what the journal already holds.</para>
/// </summary>
public sealed class SampleEntity : UntypedPersistentActor, IWithTimers
{
    private const string RequestTimer = "request";

    private readonly string _runId;
    private readonly string _sampleId;
    private readonly RuntimeServices _services;
    private readonly IActorRef _inference;
    private readonly IActorRef _retriever;
    private readonly string _runTag;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private List<ISampleEvent>? _recovered = [];
    private RunContext? _run;
    private SampleRecord? _record;
    private bool _passivating;
    private bool _holdsWaitingSlot;
    private ISampleCommand? _persisting; // the command whose event is being persisted: sent back to the shard if the write fails

    public SampleEntity(string entityId, RuntimeServices services, IActorRef inference, IActorRef retriever)
    {
        (_runId, _sampleId) = SampleEntityId.Parse(entityId);
        _services = services;
        _inference = inference;
        _retriever = retriever;
        _runTag = SampleEntityId.RunTag(_runId);
        PersistenceId = SampleEntityId.PersistenceId(_runId, _sampleId);
    }

    public static Props Props(string entityId, RuntimeServices services, IActorRef inference, IActorRef retriever) =>
        Akka.Actor.Props.Create(() => new SampleEntity(entityId, services, inference, retriever));

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Recovery replays the journal only: sample entities never save snapshots, and asking the snapshot store
    /// would cost a query per start and recovery.</summary>
    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None);

    /// <summary>
    /// The behaviour of each of the method's states, in one place:
    /// <code>
    ///  Working:   Detecting, Reasoning, Checking, Embedding, Retrieving, Relabeling, Reviewing
    ///  AtBarrier: AwaitingIndex (barrier 1), AwaitingSelection (barrier 2)
    ///  Finished:  Clean, Selected, Dropped, Unlabeled, Faulted
    /// </code>
    /// </summary>
    public static SampleBehaviour BehaviourOf(string state) => state switch
    {
        SampleStates.Detecting or SampleStates.Reasoning or SampleStates.Checking or SampleStates.Embedding
            or SampleStates.Retrieving or SampleStates.Relabeling or SampleStates.Reviewing => SampleBehaviour.Working,
        SampleStates.AwaitingIndex or SampleStates.AwaitingSelection => SampleBehaviour.AtBarrier,
        SampleStates.Clean or SampleStates.Selected or SampleStates.Dropped or SampleStates.Unlabeled or SampleStates.Faulted => SampleBehaviour.Finished,
        _ => throw new InvalidOperationException($"sample state '{state}' has no entity behaviour"),
    };

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case ISampleEvent e:
                _recovered!.Add(e);
                break;
            case Tagged { Payload: ISampleEvent e }:
                _recovered!.Add(e);
                break;
            case RecoveryCompleted:
                _services.Catalog.GetAsync(_runId).PipeTo(Self, success: run => new RunLoaded(run));
                break;
        }
    }

    /// <summary>After recovery, until the run's context is here: commands wait in the stash.</summary>
    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RunLoaded loaded when !HasSample(loaded.Run):
                // A message addressed to no sample of the run: nothing to persist, nothing to re-drive.
                _log.Error("run {0} has no sample '{1}': stopping its entity", _runId, _sampleId);
                Context.Stop(Self);
                break;
            case RunLoaded loaded:
                _run = loaded.Run;
                foreach (var e in _recovered!) _record = SampleJourney.Apply(_record, e, _run);
                _recovered = null;
                Stash.UnstashAll();
                if (_record is null) Become(NotStarted);
                else Enter();
                break;
            case Status.Failure failure:
                // The coordinator re-drives the sample later; the sample itself is not at fault.
                _log.Error(failure.Cause, "sample {0} of run {1}: cannot load the run, stopping the entity", _sampleId, _runId);
                Context.Stop(Self);
                break;
            default:
                Stash.Stash();
                break;
        }
    }

    /// <summary>No events yet: only StartSample starts the sample; an entity that a stray message started passivates.</summary>
    private void NotStarted(object message)
    {
        switch (message)
        {
            case StartSample start:
                Handle(start);
                break;
            case ISampleCommand command:
                Ignore(command);
                Self.Tell(new PassivateWhenIdle());
                break;
            case PassivateWhenIdle:
                RequestPassivation();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Working(object message)
    {
        switch (message)
        {
            case StartSample:
                Send(); // the coordinator's re-drive: the result may have been lost
                break;
            case ISampleCommand command:
                Handle(command);
                break;
            case RequestTimedOut timedOut when timedOut.RequestKey == RequestKey(Request()):
                _log.Warning("sample {0} of run {1}: no result for {2} within {3}, sending it again", _sampleId, _runId, timedOut.RequestKey,
                    _services.Entity.RequestTimeout);
                Send();
                break;
            case RequestTimedOut or PassivateWhenIdle: // stale: the entity has moved on
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void AtBarrier(object message)
    {
        switch (message)
        {
            case PassivateWhenIdle:
                RequestPassivation();
                break;
            case ISampleCommand command:
                Handle(command);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Finished(object message)
    {
        switch (message)
        {
            case PassivateWhenIdle:
                RequestPassivation();
                break;
            case ISampleCommand command:
                Ignore(command);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Handle(ISampleCommand command)
    {
        var e = SampleJourney.Decide(_record, command);
        if (e is null)
        {
            Ignore(command);
            return;
        }
        if (_passivating)
        {
            // The shard stops this incarnation with a PoisonPill, which would cut a persist short: handed back, the
            // message waits in the shard's buffer and starts the next incarnation.
            _log.Debug("sample {0} of run {1}: passivating, {2} handed back to the shard", _sampleId, _runId, command.GetType().Name);
            Context.Parent.Tell(command);
            return;
        }
        _persisting = command;
        Persist(new Tagged(e, [_runTag]), _ =>
        {
            _persisting = null;
            _record = SampleJourney.Apply(_record, e, _run!);
            Enter();
        });
    }

    /// <summary>The write failed and Akka.Persistence stops the entity next: the command goes back to the shard after
    /// the backoff, and a new incarnation decides it again on what the journal holds.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Warning("sample {0} of run {1}: journal write {2} failed ({3}); stopping, {4} goes back to the shard in {5}",
            _sampleId, _runId, sequenceNr, cause.Message, _persisting?.GetType().Name ?? "nothing", _services.Entity.PersistRetryAfter);
        if (_persisting is { } command) RetryLater(command);
    }

    /// <summary>The recovery failed (the journal) and Akka.Persistence stops the entity next: the messages stashed
    /// meanwhile are lost, so a StartSample goes to the shard after the backoff (a working sample re-sends its request).</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Warning("sample {0} of run {1}: recovery failed ({2}); stopping, StartSample goes to the shard in {3}",
            _sampleId, _runId, reason.Message, _services.Entity.PersistRetryAfter);
        RetryLater(new StartSample(_runId, _sampleId));
    }

    /// <summary>Sends <paramref name="command"/> to the shard after the backoff (the scheduler's, not the entity's timers,
    /// which stop with it), from this entity as a handed-back message is.</summary>
    private void RetryLater(ISampleCommand command) =>
        Context.System.Scheduler.ScheduleTellOnce(_services.Entity.PersistRetryAfter, Context.Parent, command, Self);

    /// <summary>Takes up the behaviour of the record's current state: a working state sends its request, a waiting one
    /// keeps (or takes) a waiting slot or else passivates, a terminal one passivates; passivation comes once the messages
    /// already waiting for the entity are handled.</summary>
    private void Enter()
    {
        var record = _record!;
        Timers.Cancel(RequestTimer);
        switch (BehaviourOf(record.CurrentState))
        {
            case SampleBehaviour.Working:
                Become(Working);
                ReturnWaitingSlot();
                Send();
                break;
            case SampleBehaviour.AtBarrier:
                Become(AtBarrier);
                if (!_holdsWaitingSlot) _holdsWaitingSlot = _services.WaitingSlots.TryTake(_services.Entity.WaitingPerNode);
                if (!_holdsWaitingSlot) Self.Tell(new PassivateWhenIdle());
                break;
            case SampleBehaviour.Finished:
                Become(Finished);
                ReturnWaitingSlot();
                Self.Tell(new PassivateWhenIdle());
                break;
        }
    }

    protected override void PostStop()
    {
        ReturnWaitingSlot();
        base.PostStop();
    }

    private void ReturnWaitingSlot()
    {
        if (!_holdsWaitingSlot) return;
        _holdsWaitingSlot = false;
        _services.WaitingSlots.Return();
    }

    private void RequestPassivation()
    {
        if (_passivating) return;
        _passivating = true;
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    /// <summary>Sends the current state's request (again) and (re)starts its timer.</summary>
    private void Send()
    {
        var request = Request();
        var target = request is RetrieveRequest ? _retriever : _inference;
        target.Tell(request, Self);
        Timers.StartSingleTimer(RequestTimer, new RequestTimedOut(RequestKey(request)), _services.Entity.RequestTimeout);
    }

    private object Request() =>
        SampleRequests.For(_record!, _run!) ?? throw new InvalidOperationException($"sample {_sampleId}: state {_record!.CurrentState} has no request");

    private string RequestKey(object request) => request switch
    {
        IInferenceRequest inference => inference.RequestId,
        _ => SampleRequests.RequestId(_record!, SampleSteps.Retrieve),
    };

    private bool HasSample(RunContext run)
    {
        try
        {
            run.Sample(_sampleId);
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    private void Ignore(ISampleCommand command) =>
        _log.Debug("sample {0} of run {1}: {2} ignored in state {3}", _sampleId, _runId, command.GetType().Name, _record?.CurrentState ?? "(not started)");
}
