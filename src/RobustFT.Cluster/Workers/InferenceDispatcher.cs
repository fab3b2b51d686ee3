using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// A node's way to the cluster's GPU workers (the sample entities' <c>inference</c> ref). Workers are the senders of the
/// <see cref="WorkerStatus"/>es on <see cref="GpuWorker.Topic"/>; each request goes to the worker with the most free
/// capacity (this dispatcher's share of its <see cref="WorkerStatus.Capacity"/> minus the requests this dispatcher has
/// outstanding there), and waits here, first come first served, while every worker is full — so a worker twice as slow
/// gets about half the work and none is sent more than it takes. The share is the capacity divided by the cluster's Up
/// <c>sample</c> members (each runs one dispatcher; sharding spreads the samples evenly over them), so all dispatchers
/// together keep at most about a worker's capacity on it. Results go back to everyone who asked for that request id. The outstanding
/// requests of a worker that died (DeathWatch) or whose last status is older than stale-after are sent to the others.
/// When nothing is queued here and a worker holds none of this dispatcher's requests, the busiest worker is asked to give
/// back those still waiting behind its running calls (<see cref="ReturnUnstarted"/>), which go to the idle ones: a step's
/// last requests, or a slow device's queue, do not keep the run waiting while other devices idle.
/// Answers <see cref="GetWorkers"/> with the known workers' latest statuses.
/// </summary>
public sealed class InferenceDispatcher : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _staleAfter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, KnownWorker> _workers = [];
    private readonly Dictionary<string, PendingInference> _requests = new(StringComparer.Ordinal);

    /// <summary>Ids of requests no worker holds, oldest first (a dead worker's requests go back to the front).</summary>
    private readonly LinkedList<string> _queue = new();

    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;

    /// <summary>Workers asked to give back waiting requests (<see cref="ReturnUnstarted"/>) that have not answered yet.</summary>
    private readonly HashSet<IActorRef> _reclaiming = [];

    /// <summary>Up members with the sample role, each running a dispatcher that shares the workers' capacity.</summary>
    private readonly HashSet<Address> _sampleNodes = [];

    public InferenceDispatcher(TimeSpan staleAfter)
    {
        _staleAfter = staleAfter;
        Receive<GenerateRequest>(Request);
        Receive<EmbedRequest>(Request);
        Receive<GenerateCompleted>(Result);
        Receive<EmbedCompleted>(Result);
        Receive<WorkerStatus>(Status);
        Receive<UnstartedReturned>(Returned);
        Receive<Terminated>(t => Lose(t.ActorRef, "stopped"));
        Receive<CheckWorkers>(_ => Check());
        Receive<GetWorkers>(_ => Sender.Tell(_workers.Values.Select(w => w.Status).ToList() as IReadOnlyList<WorkerStatus>));
        Receive<SubscribeAck>(_ => { });
        Receive<ClusterEvent.MemberUp>(up =>
        {
            // A gpu node's workers are asked for their status at once (their periodic one may be seconds away).
            if (up.Member.HasRole(RoleNames.Gpu))
                Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / (WorkerDevice.ActorNamePrefix + "*")).Tell(GetWorkerStatus.Instance, Self);
            if (up.Member.HasRole(RoleNames.Sample) && _sampleNodes.Add(up.Member.Address)) Dispatch();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            if (e is ClusterEvent.MemberLeft or ClusterEvent.MemberExited or ClusterEvent.MemberRemoved && _sampleNodes.Remove(e.Member.Address))
                Dispatch();
        });
    }

    /// <summary>Dispatchers sharing each worker's capacity: this one at least.</summary>
    private int Dispatchers => Math.Max(1, _sampleNodes.Count);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="services">The node's services (the dispatcher itself needs none of them yet).</param>
    /// <param name="staleAfter">A worker whose last status is older than this is given up.</param>
    public static Props Props(RuntimeServices services, TimeSpan staleAfter) =>
        Akka.Actor.Props.Create(() => new InferenceDispatcher(staleAfter));

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(GpuWorker.Topic, Self));
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("check", CheckWorkers.Instance, TimeSpan.FromTicks(Math.Max(_staleAfter.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks)));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Request(IInferenceRequest request)
    {
        if (_requests.TryGetValue(request.RequestId, out var pending))
        {
            pending.AddRequester(Sender);
            // A re-sent request: the worker holding it joins it to the running one, or serves it again if it lost it.
            pending.Worker?.Tell(pending.Request, Self);
            return;
        }
        _requests[request.RequestId] = new PendingInference(request, Sender);
        _queue.AddLast(request.RequestId);
        Dispatch();
    }

    private void Result(IInferenceResult result)
    {
        if (!_requests.Remove(result.RequestId, out var pending)) return; // answered before (a re-dispatched request)
        if (pending.Worker is { } worker && _workers.TryGetValue(worker, out var known)) known.Outstanding.Remove(result.RequestId);
        foreach (var requester in pending.Requesters) requester.Tell(result, Self);
        Dispatch();
        Rebalance();
    }

    /// <summary>Work stealing at a step's tail: with nothing queued here and a worker that holds none of this
    /// dispatcher's requests, asks the worker holding the most of them to give back what waits behind its running calls,
    /// a share for each idle worker (it gives back only requests that have not started, possibly none). One ask per
    /// worker at a time; each result that leaves a worker idle may ask again.</summary>
    private void Rebalance()
    {
        if (_queue.Count > 0 || _workers.Count < 2) return;
        var idle = _workers.Values.Count(w => w.Outstanding.Count == 0);
        if (idle == 0) return;
        var busiest = _workers.Where(w => w.Value.Outstanding.Count > 1 && !_reclaiming.Contains(w.Key))
            .OrderByDescending(w => w.Value.Outstanding.Count).FirstOrDefault();
        if (busiest.Key is null) return;
        var count = busiest.Value.Outstanding.Count * idle / (idle + 1);
        if (count < 1) return;
        _reclaiming.Add(busiest.Key);
        busiest.Key.Tell(new ReturnUnstarted(count), Self);
    }

    /// <summary>Requests a worker gave back (none ran there): queued again ahead of the others, and sent on.</summary>
    private void Returned(UnstartedReturned returned)
    {
        _reclaiming.Remove(Sender);
        if (!_workers.TryGetValue(Sender, out var known)) return; // lost meanwhile: its outstanding requests are queued already
        foreach (var id in Enumerable.Reverse(returned.RequestIds))
        {
            if (!_requests.TryGetValue(id, out var pending) || !Sender.Equals(pending.Worker)) continue;
            known.Outstanding.Remove(id);
            pending.Worker = null;
            _queue.AddFirst(id);
        }
        if (returned.RequestIds.Count > 0) _log.Debug("GPU worker {0} gave back {1} waiting requests", Sender.Path, returned.RequestIds.Count);
        Dispatch();
    }

    private void Status(WorkerStatus status)
    {
        if (!_workers.TryGetValue(Sender, out var known))
        {
            Context.Watch(Sender);
            _workers[Sender] = known = new KnownWorker(status);
            _log.Info("GPU worker {0} ({1}, {2}) joined with capacity {3}", Sender.Path, status.Device, status.ExecutionProvider, status.Capacity);
        }
        known.Status = status;
        known.SeenAt = DateTimeOffset.UtcNow;
        Dispatch();
        Rebalance(); // a worker that joins while the others hold the tail of a step takes its share
    }

    /// <summary>Sends queued requests, oldest first, each to the worker with the most free capacity, while one has room.</summary>
    private void Dispatch()
    {
        while (_queue.First is { } next)
        {
            if (!_requests.TryGetValue(next.Value, out var pending) || pending.Worker is not null)
            {
                _queue.RemoveFirst();
                continue;
            }
            if (_workers.Count == 0) return;
            var dispatchers = Dispatchers;
            var target = _workers.MaxBy(w => w.Value.Free(dispatchers));
            if (target.Value.Free(dispatchers) <= 0) return;
            _queue.RemoveFirst();
            pending.Worker = target.Key;
            target.Value.Outstanding.Add(next.Value);
            target.Key.Tell(pending.Request, Self);
        }
    }

    private void Check()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (worker, known) in _workers.Where(w => now - w.Value.SeenAt > _staleAfter).ToList())
        {
            Context.Unwatch(worker);
            Lose(worker, $"silent for {(now - known.SeenAt).TotalSeconds:F0} s");
        }
        if (_queue.Count > 0 && _workers.Count == 0 && now - _lastWarning > _staleAfter)
        {
            _lastWarning = now;
            _log.Warning("{0} inference requests wait: no GPU worker in the cluster", _queue.Count);
        }
    }

    /// <summary>Forgets <paramref name="worker"/> and queues its outstanding requests again, ahead of the others.</summary>
    private void Lose(IActorRef worker, string why)
    {
        _reclaiming.Remove(worker);
        if (!_workers.Remove(worker, out var known)) return;
        _log.Warning("GPU worker {0} {1}: {2} outstanding requests go to other workers", worker.Path, why, known.Outstanding.Count);
        foreach (var id in Enumerable.Reverse(known.Outstanding))
        {
            if (!_requests.TryGetValue(id, out var pending)) continue;
            pending.Worker = null;
            _queue.AddFirst(id);
        }
        Dispatch();
    }
}
