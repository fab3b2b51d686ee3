using Akka.Actor;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs.Messages;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// The coordinator: a cluster singleton (role <c>coordinator</c>). Every poll interval (at most a second), and at once when
/// a run is submitted in its own process (<see cref="RunSignals.Submitted"/>: embedded <c>run</c>), it lists the
/// runs that are submitted and not ended (<see cref="RunStore.ListUnendedAsync"/>) and keeps one child
/// <see cref="RunActor"/> per run: started for a new run, restarted by supervision when it throws, started again at the
/// next poll when it stopped (a journal failure) while its run is unended, stopped when its run ended. Everything it
/// knows is in the store and the run actors' journals, so the singleton carries on wherever the cluster moves it.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor, IWithTimers
{
    private readonly RuntimeServices _services;
    private readonly IActorRef _sampleRegion;
    private readonly string _readJournalPluginId;
    private readonly ILogger _logger;
    private readonly TimeSpan _tick;
    private readonly Dictionary<string, IActorRef> _runs = new(StringComparer.Ordinal);
    private bool _polling;
    private bool _pollAgain;
    private IDisposable? _submissions;

    public CoordinatorActor(RuntimeServices services, IActorRef sampleRegion, string readJournalPluginId, TimeSpan? tick = null)
    {
        _services = services;
        _tick = tick ?? RunActor.TickInterval(services.Coordinator);
        _sampleRegion = sampleRegion;
        _readJournalPluginId = readJournalPluginId;
        _logger = services.Logging.CreateLogger<CoordinatorActor>();

        Receive<RunTick>(_ => Poll());
        Receive<RunSubmitted>(_ =>
        {
            if (_polling) _pollAgain = true; // the listing under way may have been read before the run was submitted
            else Poll();
        });
        Receive<UnendedRuns>(Keep);
        Receive<Status.Failure>(f =>
        {
            _polling = false;
            _logger.LogWarning("coordinator: listing the unended runs failed: {Error}; trying again", f.Cause.GetBaseException().Message);
        });
        Receive<Terminated>(t =>
        {
            foreach (var (runId, child) in _runs.ToList())
                if (child.Equals(t.ActorRef)) _runs.Remove(runId);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="tick">How often it lists the unended runs (null: <see cref="RunActor.TickInterval"/>; tests set a
    /// longer one to see what a <see cref="RunSignals.Submitted"/> hint does alone).</param>
    public static Props Props(RuntimeServices services, IActorRef sampleRegion, string readJournalPluginId, TimeSpan? tick = null) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(services, sampleRegion, readJournalPluginId, tick));

    /// <summary>The child name of a run's actor (run ids are escaped into a valid actor name).</summary>
    public static string ChildName(string runId) => "run-" + Uri.EscapeDataString(runId);

    /// <summary>A run actor that throws is restarted (it recovers its journal and re-drives its run); one that cannot
    /// start or was killed stops, and the next poll starts it again while its run is unended.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        if (e is ActorInitializationException or ActorKilledException) return Directive.Stop;
        _logger.LogError(e, "coordinator: a run actor failed; restarting it");
        return Directive.Restart;
    });

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(nameof(RunTick), RunTick.Instance, _tick);
        Self.Tell(RunTick.Instance);
        var self = Self;
        _submissions = _services.Signals.OnSubmitted(runId => self.Tell(new RunSubmitted(runId)));
    }

    protected override void PostStop() => _submissions?.Dispose();

    private void Poll()
    {
        if (_polling) return;
        _polling = true;
        _services.Runs.ListUnendedAsync().PipeTo(Self, success: ids => new UnendedRuns(ids));
    }

    private void Keep(UnendedRuns unended)
    {
        _polling = false;
        if (_pollAgain)
        {
            _pollAgain = false;
            Self.Tell(RunTick.Instance);
        }
        var wanted = unended.RunIds.ToHashSet(StringComparer.Ordinal);
        foreach (var runId in unended.RunIds.Where(id => !_runs.ContainsKey(id)))
        {
            _logger.LogInformation("coordinator: driving run {RunId}", runId);
            _services.Catalog.Invalidate(runId);
            var child = Context.ActorOf(RunActor.Props(_services, runId, _sampleRegion, _readJournalPluginId), ChildName(runId));
            Context.Watch(child);
            _runs[runId] = child;
        }
        foreach (var (runId, child) in _runs.Where(kv => !wanted.Contains(kv.Key)).ToList())
        {
            _logger.LogInformation("coordinator: run {RunId} ended; stopping its run actor", runId);
            Context.Stop(child); // removed from _runs on Terminated, so the name is free before it can be used again
        }
    }
}
