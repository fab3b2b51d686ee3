using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// The GPU worker of one model device (<see cref="WorkerDevice"/>; a gpu node has one per device): serves the
/// <see cref="GenerateRequest"/>s and <see cref="EmbedRequest"/>s that dispatchers send it and answers each to its
/// sender. Requests that are in its mailbox together are served as one batch (one cache query per run;
/// <see cref="InferenceServer"/>), its device's gates batch the misses continuously. A request whose
/// <see cref="InFlightInference.KeyOf">de-duplication key</see> is already in flight (the same request re-sent, or an
/// embedding of the same text) joins it: every requester gets the one result. Publishes its <see cref="WorkerStatus"/>
/// (device, model, queue, batch fill, throughput) on <see cref="Topic"/> at start and every status interval, which is how
/// dispatchers find it and learn its <see cref="WorkerOptions.Capacity"/>. So that a new node's work does not wait for
/// that interval (nor for DistributedPubSub to gossip a new subscriber), it also tells its status straight to the
/// dispatcher of every sample node that is (or comes) up, and answers a dispatcher's <see cref="GetWorkerStatus"/>.
/// </summary>
public sealed class GpuWorker : ReceiveActor, IWithTimers
{
    /// <summary>The DistributedPubSub topic of worker statuses.</summary>
    public const string Topic = "robustft.workers";

    private readonly RuntimeServices _services;
    private readonly WorkerDevice _device;
    private readonly TimeSpan _statusInterval;
    private readonly InferenceServer _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>What runs now, by <see cref="InFlightInference.KeyOf">de-duplication key</see>: a request whose key is
    /// here (re-sent, or an embedding of the same text) joins it instead of running again.</summary>
    private readonly Dictionary<string, InFlightInference> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Requests taken since the last <see cref="DrainArrived"/>.</summary>
    private readonly List<IInferenceRequest> _arrived = [];

    private long _tokens;
    private long _requests;
    private (DateTimeOffset At, long Tokens) _lastStatus = (DateTimeOffset.UtcNow, 0);

    public GpuWorker(RuntimeServices services, WorkerDevice device, TimeSpan statusInterval)
    {
        _services = services;
        _device = device;
        _statusInterval = statusInterval;
        _server = new InferenceServer(services, device);

        Receive<GenerateRequest>(Accept);
        Receive<EmbedRequest>(Accept);
        Receive<DrainArrived>(_ => ServeArrived());
        Receive<InferenceServed>(Answer);
        // Served by nobody (a store write failed): the requests and those joined to them run again when re-sent.
        Receive<InferenceDropped>(m => { foreach (var request in m.Requests) Take(request); });
        Receive<PublishWorkerStatus>(_ => PublishStatus());
        Receive<GetWorkerStatus>(_ => Sender.Tell(CurrentStatus(), Self));
        Receive<ReturnUnstarted>(m => Sender.Tell(new UnstartedReturned(GiveBack(Sender, m.Count)), Self));
        Receive<ClusterEvent.MemberUp>(up =>
        {
            if (up.Member.HasRole(RoleNames.Sample))
                Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / AkkaClusterView.DispatcherName).Tell(CurrentStatus(), Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RuntimeServices services, WorkerDevice device, TimeSpan statusInterval) =>
        Akka.Actor.Props.Create(() => new GpuWorker(services, device, statusInterval));

    protected override void PreStart()
    {
        PublishStatus();
        Timers.StartPeriodicTimer("status", PublishWorkerStatus.Instance, _statusInterval);
        ClusterNode.Of(Context.System)?.Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));
    }

    protected override void PostStop()
    {
        ClusterNode.Of(Context.System)?.Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Accept(IInferenceRequest request)
    {
        var key = InFlightInference.KeyOf(request);
        if (_inFlight.TryGetValue(key, out var running))
        {
            running.Join(request, Sender);
            return;
        }
        _inFlight[key] = new InFlightInference(request, Sender);
        _arrived.Add(request);
        if (_arrived.Count == 1) Self.Tell(DrainArrived.Instance);
    }

    private void ServeArrived()
    {
        var self = Self;
        var ct = _stopping.Token;
        foreach (var run in _arrived.GroupBy(r => r.RunId, StringComparer.Ordinal))
        {
            var requests = run.ToList();
            _ = Task.Run(async () =>
            {
                try
                {
                    var byId = requests.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
                    await _server.ServeAsync(run.Key, requests,
                        (results, tokens) => self.Tell(new InferenceServed(results.Select(r => (byId[r.RequestId], r)).ToList(), tokens)), ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The worker stopped: dispatchers send its requests to another worker.
                }
                catch (Exception e)
                {
                    _log.Error(e, "serving {0} requests of run {1} failed; they run again when re-sent", requests.Count, run.Key);
                    self.Tell(new InferenceDropped(requests));
                }
            }, CancellationToken.None);
        }
        _arrived.Clear();
    }

    private void Answer(InferenceServed served)
    {
        _tokens += served.Tokens;
        foreach (var (request, result) in served.Results)
        {
            if (Take(request) is not { } done) continue;
            _requests += done.Requests;
            foreach (var (requester, answer) in done.Answers(result)) requester.Tell(answer, Self);
        }
    }

    /// <summary>Takes up to <paramref name="count"/> computations that only <paramref name="dispatcher"/> waits for out of
    /// the device's gates, where they wait behind running calls (<see cref="GenerationGate.Withdraw"/>), and forgets
    /// them; returns the ids of the requests that waited for them. Their serving task skips them (no answer, no cache).</summary>
    private IReadOnlyList<string> GiveBack(IActorRef dispatcher, int count)
    {
        var eligible = _inFlight.Values.Where(f => f.OnlyFor(dispatcher)).ToDictionary(f => f.Request.RequestId, StringComparer.Ordinal);
        if (eligible.Count == 0 || count <= 0) return [];
        var withdrawn = new List<string>(_device.Generation?.Withdraw(eligible.ContainsKey, count) ?? []);
        if (withdrawn.Count < count) withdrawn.AddRange(_device.Embedding?.Withdraw(eligible.ContainsKey, count - withdrawn.Count) ?? []);
        var returned = new List<string>();
        foreach (var id in withdrawn)
        {
            var entry = eligible[id];
            _inFlight.Remove(InFlightInference.KeyOf(entry.Request));
            returned.AddRange(entry.RequestIds);
        }
        if (returned.Count > 0) _log.Debug("gave {0} waiting requests back to {1}", returned.Count, dispatcher.Path);
        return returned;
    }

    /// <summary>Removes and returns what <paramref name="request"/> was running for, unless that ended already.</summary>
    private InFlightInference? Take(IInferenceRequest request)
    {
        var key = InFlightInference.KeyOf(request);
        if (!_inFlight.TryGetValue(key, out var entry) || entry.Request.RequestId != request.RequestId) return null;
        _inFlight.Remove(key);
        return entry;
    }

    /// <summary>Publishes the status on the topic; its tokens/s covers the time since the previous publication.</summary>
    private void PublishStatus()
    {
        var status = CurrentStatus();
        _lastStatus = (status.At, _tokens);
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(Topic, status), Self);
    }

    /// <summary>The status now (tokens/s since the last publication).</summary>
    private WorkerStatus CurrentStatus()
    {
        var now = DateTimeOffset.UtcNow;
        var seconds = (now - _lastStatus.At).TotalSeconds;
        var tokensPerSecond = seconds > 0 ? (_tokens - _lastStatus.Tokens) / seconds : 0;
        return new WorkerStatus(
            ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(),
            _device.Name,
            _services.ExecutionProvider,
            _device.Generation?.ModelId ?? _device.Embedding?.ModelId ?? "",
            _services.Worker.Capacity,
            _inFlight.Count,
            tokensPerSecond,
            _device.Generation?.AverageBatch ?? 0,
            _tokens,
            _requests,
            now);
    }
}
