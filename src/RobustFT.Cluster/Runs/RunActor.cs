using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Runs.Messages;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// One run, under the coordinator singleton. Persistent ("run-{runId}"): its phase (<see cref="RunPhaseAdvanced"/>,
/// only forward, <see cref="RunPhaseOrder"/>) and the entropy threshold (<see cref="ThresholdDecided"/>); both are
/// mirrored into the runs row, which <c>status</c>, the dashboard and <c>run</c>/<c>submit</c> read. It runs the run's
/// <see cref="SampleProjection"/> and, at every tick and after every projected batch, looks at the read model and acts:
/// <code>
///  Ingesting ─► Detecting: StartSample in waves (input order, at most MaxLiveSamples live)
///  Detecting ─every sample checked─► Retrieving: IndexReady to the AwaitingIndex samples (waves)
///  Retrieving ─every noisy sample relabeled─► Selecting: global entropy ranking, threshold, SelectionDecided
///  Selecting ─every sample terminal─► Exporting ─exports written─► Completed ─► runs row ended, actor stops
///  any phase ─runs row Cancelled (operator)─► Cancelled ─no sample live─► partial export, ended
///  ranking or export throws ─► Failed (message), ended
/// </code>
/// Messages to samples are idempotent, so after a restart it re-drives the working samples, repeats the barrier
/// messages of the phase it is in to the samples still waiting, and continues; with no progress for
/// <see cref="CoordinatorOptions.RedriveAfter"/> it re-drives again, and it re-drives at once when a cluster member is
/// removed (the sample entities and requests that node held are gone; their samples start again elsewhere).
/// <para>Every message to samples goes out in bounded steps: a look sends at most
/// <see cref="CoordinatorOptions.ReleasePerLook"/> of them (re-driven StartSample first, then the wave's StartSample,
/// IndexReady or SelectionDecided), and barrier messages also count as live until the read model shows their effect, so
/// at most <see cref="CoordinatorOptions.MaxLiveSamples"/> are in flight. A barrier over thousands of passivated samples
/// thus wakes them a few hundred at a time, and their recoveries and journal writes stay within the journal's call
/// timeout; the rest follow at the next looks (every tick and every projected batch).</para>
/// </summary>
public sealed class RunActor : ReceivePersistentActor, IWithTimers
{
    private readonly RuntimeServices _services;
    private readonly string _runId;
    private readonly IActorRef _sampleRegion;
    private readonly string _readJournalPluginId;
    private readonly ILogger _logger;
    private readonly PendingSamples _pending = new();

    // Persisted state.
    private RunPhase _phase = RunPhase.Ingesting;
    private string? _phaseMessage;
    private double? _threshold;

    // This incarnation's state.
    private string? _segment;
    private bool _busy;
    private bool _lookAgain;
    private bool _redriveAtNextLook = true;
    private readonly Queue<string> _redrive = new();
    private Queue<SelectionDecided>? _verdicts; // null: not ranked in this incarnation (or since the last re-drive)
    private int _sentThisLook;
    private InputCursor? _cursor;
    private long _offset;
    private string _progress = "";
    private DateTime _lastProgress = DateTime.UtcNow;
    private DateTime _segmentTouchedAt = DateTime.MinValue;
    private UniqueKillSwitch? _projection;

    public RunActor(RuntimeServices services, string runId, IActorRef sampleRegion, string readJournalPluginId)
    {
        _services = services;
        _runId = runId;
        _sampleRegion = sampleRegion;
        _readJournalPluginId = readJournalPluginId;
        _logger = services.Logging.CreateLogger<RunActor>();
        PersistenceId = PersistenceIdOf(runId);

        Recover<RunPhaseAdvanced>(Apply);
        Recover<ThresholdDecided>(Apply);

        Command<RunTick>(_ => Look());
        Command<ProjectionAdvanced>(p =>
        {
            _offset = Math.Max(_offset, p.Offset);
            Look();
        });
        Command<RunObservation>(Act);
        Command<SelectionRanked>(Ranked);
        Command<WorkingListed>(working =>
        {
            _redrive.Clear();
            foreach (var id in working.SampleIds) _redrive.Enqueue(id);
            _busy = false;
            Look();
        });
        Command<RunExported>(_ => PersistPhase(RunPhase.Completed));
        Command<RunStepDone>(done =>
        {
            _busy = false;
            if (done.LookAgain || _lookAgain) Look();
        });
        Command<RunStepFailed>(Failed);
        Command<ClusterEvent.MemberRemoved>(removed =>
        {
            _logger.LogWarning("run {RunId}: member {Address} left the cluster; re-driving working samples", _runId, removed.Member.Address);
            _redriveAtNextLook = true;
            Look();
        });
        Command<ClusterEvent.IMemberEvent>(_ => { });
        Command<ClusterEvent.CurrentClusterState>(_ => { });
        Command<RunEnded>(_ =>
        {
            _logger.LogInformation("run {RunId}: ended in phase {Phase}", _runId, _phase);
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string runId) => "run-" + runId;

    /// <summary>How often a look extends this incarnation's running-time segment (and the run's end extends it once more).</summary>
    private static readonly TimeSpan SegmentTouchInterval = TimeSpan.FromSeconds(1);

    public static Props Props(RuntimeServices services, string runId, IActorRef sampleRegion, string readJournalPluginId) =>
        Akka.Actor.Props.Create(() => new RunActor(services, runId, sampleRegion, readJournalPluginId));

    /// <summary>How often the coordinator and its run actors look at the store: the poll interval, at most a second.</summary>
    public static TimeSpan TickInterval(CoordinatorOptions options) =>
        options.PollInterval < TimeSpan.FromSeconds(1) ? options.PollInterval : TimeSpan.FromSeconds(1);

    protected override void OnReplaySuccess()
    {
        _logger.LogInformation("run {RunId}: run actor started in phase {Phase}", _runId, _phase);
        _projection = SampleProjection.Start(Context.System, Context.Materializer(), _services, _runId, _readJournalPluginId, Self);
        Timers.StartPeriodicTimer(nameof(RunTick), RunTick.Instance, TickInterval(_services.Coordinator));
        Self.Tell(RunTick.Instance);
        ClusterNode.Of(Context.System)?.Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        ClusterNode.Of(Context.System)?.Unsubscribe(Self);
        _projection?.Shutdown();
        base.PostStop();
    }

    private void Apply(RunPhaseAdvanced e)
    {
        _phase = e.Phase;
        _phaseMessage = e.Message;
    }

    private void Apply(ThresholdDecided e) => _threshold = e.Threshold;

    /// <summary>Reads the store (one look at a time; a look asked for meanwhile runs right after).</summary>
    private void Look()
    {
        if (_busy)
        {
            _lookAgain = true;
            return;
        }
        _busy = true;
        _lookAgain = false;
        var segment = _segment;
        var now = DateTime.UtcNow;
        var touchSegment = now - _segmentTouchedAt >= SegmentTouchInterval;
        if (touchSegment) _segmentTouchedAt = now;
        var pending = _pending.Ids;
        var placeCursor = _phase <= RunPhase.Detecting && _cursor is null;
        var releasable = _phase == RunPhase.Retrieving ? Math.Min(_services.Coordinator.MaxLiveSamples, _services.Coordinator.ReleasePerLook) + pending.Count : 0;
        ObserveAsync(segment, touchSegment, pending, placeCursor, releasable).PipeTo(Self, failure: e => new RunStepFailed(e, Fatal: false));
    }

    private async Task<RunObservation> ObserveAsync(string? segment, bool touchSegment, IReadOnlyCollection<string> pending, bool placeCursor, int releasable)
    {
        if (segment is null) segment = await _services.Runs.StartSegmentAsync(_runId);
        else if (touchSegment) await _services.Runs.TouchSegmentAsync(_runId, segment);
        var run = await _services.Runs.GetAsync(_runId) ?? throw new InvalidOperationException($"run '{_runId}' is not in the runs table");
        // The pending samples' states before the counts: the projection may commit between the two reads, and a sample
        // it shows moved must be in the counts too (they are written in one transaction), or it would count as neither
        // pending nor working and a wave would start one sample too many.
        var pendingStates = await _services.Samples.StatesOfAsync(_runId, pending);
        var counts = await _services.Samples.CountByStateAsync(_runId);
        var allStates = placeCursor ? await _services.Samples.StatesAsync(_runId) : null;
        var inputOrder = placeCursor ? (await _services.Catalog.GetAsync(_runId)).Samples.Select(s => s.Id).ToList() : null;
        var awaitingIndex = await _services.Samples.ListIdsAsync(_runId, [SampleStates.AwaitingIndex], releasable);
        return new RunObservation(run, counts, pendingStates, allStates, inputOrder, awaitingIndex, segment);
    }

    /// <summary>Acts on a look; the messages it sent to samples (at most the per-look bound) are logged at debug.</summary>
    private void Act(RunObservation o)
    {
        _sentThisLook = 0;
        try
        {
            ActOn(o);
        }
        finally
        {
            if (_sentThisLook > 0)
                _logger.LogDebug("run {RunId}: {Sent} messages to samples in this look (at most {Bound})", _runId, _sentThisLook,
                    _services.Coordinator.ReleasePerLook);
        }
    }

    private void ToSample(ISampleCommand message)
    {
        _sentThisLook++;
        _sampleRegion.Tell(message);
    }

    private void ActOn(RunObservation o)
    {
        _segment = o.SegmentId;
        _pending.Settle(o.PendingStates);
        if (o.AllStates is not null && o.InputOrder is not null)
            _cursor = new InputCursor(o.InputOrder, o.AllStates.Keys.ToHashSet(StringComparer.Ordinal));
        var total = o.Run.Samples;
        if (o.Run.Phase == RunPhase.Cancelled && RunPhaseOrder.CanAdvance(_phase, RunPhase.Cancelled))
        {
            _logger.LogWarning("run {RunId}: cancelled ({Reason}); exporting what is finished once no sample works", _runId, o.Run.Message);
            PersistPhase(RunPhase.Cancelled, o.Run.Message);
            return;
        }
        if (o.Run.Phase is > RunPhase.Ingesting and <= RunPhase.Exporting && RunPhaseOrder.CanAdvance(_phase, o.Run.Phase))
        {
            PersistPhase(o.Run.Phase); // the runs row is ahead of the journal (advanced by an earlier runtime): catch up
            return;
        }
        switch (_phase)
        {
            case RunPhase.Ingesting:
                PersistPhase(RunPhase.Detecting);
                return;
            case RunPhase.Detecting when BarrierDecision.IndexReady(total, o.Counts):
                _logger.LogInformation("run {RunId}: every sample checked ({Clean} clean); first barrier passed",
                    _runId, o.Counts.GetValueOrDefault(SampleStates.Clean));
                _pending.Clear();
                PersistPhase(RunPhase.Retrieving);
                return;
            case RunPhase.Detecting:
                if (RedriveIfStalled(o)) return;
                var room = Math.Min(Room(o), SendRepeats());
                foreach (var id in _cursor?.Take(room) ?? [])
                {
                    var start = new StartSample(_runId, id);
                    _pending.Add(start, null, DateTime.UtcNow);
                    ToSample(start);
                }
                Mirror(o.Run);
                return;
            case RunPhase.Retrieving when BarrierDecision.SelectionReady(total, o.Counts):
                _logger.LogInformation("run {RunId}: every noisy sample relabeled; second barrier passed", _runId);
                _pending.Clear();
                PersistPhase(RunPhase.Selecting);
                return;
            case RunPhase.Retrieving:
                if (RedriveIfStalled(o)) return;
                foreach (var id in SampleWaves.ToRelease(o.AwaitingIndex, _pending, Math.Min(Room(o), SendRepeats())))
                {
                    var release = new IndexReady(_runId, id);
                    _pending.Add(release, SampleStates.AwaitingIndex, DateTime.UtcNow);
                    ToSample(release);
                }
                Mirror(o.Run);
                return;
            case RunPhase.Selecting:
                if (RedriveIfStalled(o)) return;
                var verdictRoom = Math.Min(Room(o), SendRepeats());
                if (_verdicts is null) Rank(o.Run);
                else if (BarrierDecision.Finished(total, o.Counts)) PersistPhase(RunPhase.Exporting);
                else
                {
                    SendVerdicts(verdictRoom);
                    Mirror(o.Run);
                }
                return;
            case RunPhase.Exporting:
                var threshold = _threshold;
                Step(async () =>
                {
                    await MirrorAsync(o.Run, RunPhase.Exporting, null, threshold);
                    await Exporter().ExportAsync(_runId, partial: false, CancellationToken.None);
                    return RunExported.Instance;
                }, fatal: true);
                return;
            case RunPhase.Completed or RunPhase.Failed:
                End(o.Run, partialExport: false);
                return;
            case RunPhase.Cancelled when BarrierDecision.Finished(total, o.Counts) || SampleWaves.Live(o.Counts, _pending) == 0:
                End(o.Run, partialExport: true);
                return;
            case RunPhase.Cancelled:
                // A working sample's re-sent request is refused ("run cancelled"): it faults and ends.
                if (RedriveIfStalled(o)) return;
                SendRepeats();
                Mirror(o.Run);
                return;
            default:
                Mirror(o.Run);
                return;
        }
    }

    private int Room(RunObservation o) => _services.Coordinator.MaxLiveSamples - SampleWaves.Live(o.Counts, _pending);

    /// <summary>Sends the next re-driven samples their StartSample, then the messages whose sample has not moved for
    /// ResendAfter again, at most the per-look bound together; returns what is left of the bound for this look's new
    /// messages.</summary>
    private int SendRepeats()
    {
        var budget = _services.Coordinator.ReleasePerLook;
        for (; budget > 0 && _redrive.TryDequeue(out var id); budget--)
            ToSample(new StartSample(_runId, id));
        var overdue = _pending.Overdue(DateTime.UtcNow, _services.Coordinator.ResendAfter, budget);
        if (overdue.Count > 0)
            _logger.LogWarning("run {RunId}: {Count} samples did not move within {Seconds:F0}s of their message; sending it again",
                _runId, overdue.Count, _services.Coordinator.ResendAfter.TotalSeconds);
        foreach (var message in overdue) ToSample(message);
        return budget - overdue.Count;
    }

    /// <summary>Sends the next verdicts of the ranking, at most <paramref name="room"/>; each counts as live until the
    /// read model shows its sample decided.</summary>
    private void SendVerdicts(int room)
    {
        for (; room > 0 && _verdicts!.TryDequeue(out var verdict); room--)
        {
            _pending.Add(verdict, SampleStates.AwaitingSelection, DateTime.UtcNow);
            ToSample(verdict);
        }
    }

    /// <summary>After a start, or when nothing moved for RedriveAfter (unless the run is paused): lists every working
    /// sample to be sent StartSample again (its step re-sent; in steps of the per-look bound), lets the current phase's
    /// barrier messages go out again, and places the waves' cursor anew (a start that was lost is sent again). Returns
    /// whether it re-drove; the step then ends with a new look.</summary>
    private bool RedriveIfStalled(RunObservation o)
    {
        var progress = $"{_phase}|{_offset}|" + string.Join(',', o.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        var now = DateTime.UtcNow;
        if (progress != _progress)
        {
            _progress = progress;
            _lastProgress = now;
        }
        var stalled = !o.Run.Paused && now - _lastProgress > _services.Coordinator.RedriveAfter;
        if (!_redriveAtNextLook && !stalled) return false;
        if (stalled)
            _logger.LogWarning("run {RunId}: no progress for {Seconds:F0}s; re-driving working samples", _runId, _services.Coordinator.RedriveAfter.TotalSeconds);
        _redriveAtNextLook = false;
        _lastProgress = now;
        _pending.Clear();
        _cursor = null;
        _verdicts = null;
        Step(async () => new WorkingListed(await _services.Samples.ListIdsAsync(_runId, SampleStates.Working)), fatal: false);
        return true;
    }

    /// <summary>The global entropy ranking (the same as the runtime before Akka.NET): every relabeled sample, decided
    /// ones too, so that a ranking repeated after a restart gives the same verdicts. No ranking (and no threshold)
    /// without selection or without relabeled samples.</summary>
    private void Rank(RunRecord run) => Step(async () =>
    {
        if (!run.Settings.Method.Ablations.Selects) return new SelectionRanked(null, []);
        var relabeled = new List<SampleRecord>();
        foreach (var state in new[] { SampleStates.AwaitingSelection, SampleStates.Selected, SampleStates.Dropped, SampleStates.Unlabeled })
            relabeled.AddRange(await _services.Samples.ListAsync(_runId, state));
        if (relabeled.Count == 0) return new SelectionRanked(null, []);
        var result = EntropySelector.Select(
            relabeled.Select(s => new EntropyScore(s.SampleId, s.Entropy ?? double.PositiveInfinity)).ToList(), run.Settings.Method.Beta);
        _logger.LogInformation("run {RunId}: {Selected} of {Relabeled} relabeled samples selected (entropy threshold {Threshold:F4})",
            _runId, result.SelectedCount, relabeled.Count, result.Threshold);
        var waiting = relabeled.Where(s => s.CurrentState == SampleStates.AwaitingSelection).Select(s => s.SampleId).ToList();
        return new SelectionRanked(result, waiting);
    }, fatal: true);

    /// <summary>Keeps the ranking's verdicts for the samples still waiting (sent at the next looks, in bounded steps)
    /// once the threshold is persisted and mirrored.</summary>
    private void Ranked(SelectionRanked ranked)
    {
        if (ranked.Result is not { } result)
        {
            _verdicts = new Queue<SelectionDecided>();
            Self.Tell(new RunStepDone(LookAgain: true));
            return;
        }
        void Keep()
        {
            _verdicts = new Queue<SelectionDecided>(ranked.Waiting.Select(id =>
            {
                var decision = result.Decisions[id];
                return new SelectionDecided(_runId, id, decision.Rank, decision.Selected, result.Threshold);
            }));
            var threshold = _threshold;
            Step(async () =>
            {
                if (threshold is { } t) await _services.Runs.SetThresholdAsync(_runId, t);
                return new RunStepDone(LookAgain: true);
            }, fatal: false);
        }
        if (_threshold is { } decided && decided.Equals(result.Threshold)) Keep(); // Equals: NaN (nothing relabeled) too
        else Persist(new ThresholdDecided(result.Threshold), e =>
        {
            Apply(e);
            Keep();
        });
    }

    /// <summary>Persists a move to <paramref name="phase"/>, mirrors it into the runs row and looks again.</summary>
    private void PersistPhase(RunPhase phase, string? message = null)
    {
        if (!RunPhaseOrder.CanAdvance(_phase, phase))
            throw new InvalidOperationException($"run {_runId}: refused phase move {_phase} → {phase}");
        Persist(new RunPhaseAdvanced(phase, message), e =>
        {
            _logger.LogInformation("run {RunId}: phase {From} → {To}", _runId, _phase, e.Phase);
            Apply(e);
            var threshold = _threshold;
            Step(async () =>
            {
                await MirrorAsync(null, e.Phase, e.Message, threshold);
                return new RunStepDone(LookAgain: true);
            }, fatal: false);
        });
    }

    /// <summary>Brings the runs row up to the actor's phase and threshold (a write the database refused earlier is
    /// repeated here), then ends the step.</summary>
    private void Mirror(RunRecord row)
    {
        var (phase, message, threshold) = (_phase, _phaseMessage, _threshold);
        Step(async () =>
        {
            await MirrorAsync(row, phase, message, threshold);
            return new RunStepDone(LookAgain: false);
        }, fatal: false);
    }

    private async Task MirrorAsync(RunRecord? row, RunPhase phase, string? message, double? threshold)
    {
        var changed = false;
        if (phase > RunPhase.Ingesting && (row is null || row.Phase < phase))
        {
            await _services.Runs.AdvancePhaseAsync(_runId, phase, message);
            changed = true;
        }
        if (threshold is { } t && (row is null || row.Threshold != (double.IsFinite(t) ? t : null)))
        {
            await _services.Runs.SetThresholdAsync(_runId, t);
            changed = true;
        }
        if (changed) _services.Signals.Changed(_runId);
    }

    private void End(RunRecord row, bool partialExport)
    {
        var (phase, message, threshold, segment) = (_phase, _phaseMessage, _threshold, _segment);
        Step(async () =>
        {
            await MirrorAsync(row, phase, message, threshold);
            if (segment is not null) await _services.Runs.TouchSegmentAsync(_runId, segment);
            if (partialExport) await Exporter().ExportAsync(_runId, partial: true, CancellationToken.None);
            await _services.Runs.MarkEndedAsync(_runId);
            _services.Signals.Changed(_runId);
            return RunEnded.Instance;
        }, fatal: partialExport);
    }

    private void Failed(RunStepFailed failed)
    {
        _busy = false;
        var error = failed.Error is AggregateException { InnerException: { } inner } ? inner : failed.Error;
        if (!failed.Fatal)
        {
            _logger.LogWarning("run {RunId}: {Error}; trying again at the next tick", _runId, error.Message);
            return;
        }
        _logger.LogError(error, "run {RunId}: failed in phase {Phase}", _runId, _phase);
        _busy = true;
        if (RunPhaseOrder.CanAdvance(_phase, RunPhase.Failed))
        {
            PersistPhase(RunPhase.Failed, $"{_phase}: {error.Message}");
            return;
        }
        // Cancelled and the partial export failed: the run ends without exports, as a failed run does.
        Step(async () =>
        {
            await _services.Runs.MarkEndedAsync(_runId);
            _services.Signals.Changed(_runId);
            return RunEnded.Instance;
        }, fatal: false);
    }

    /// <summary>Runs the asynchronous part of a step off the actor; its result (or failure) comes back as a message.</summary>
    private void Step(Func<Task<object>> work, bool fatal) =>
        work().PipeTo(Self, failure: e => new RunStepFailed(e, fatal));

    private RunExporter Exporter() => new(_services.Runs, _services.Samples, _services.Logging.CreateLogger<RunExporter>());
}
