using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// One GPU worker: serves the <see cref="GenerateRequest"/>s and <see cref="EmbedRequest"/>s that dispatchers send it
/// and answers each to its sender. Requests that are in its mailbox together are served as one batch (one cache query per
/// run; <see cref="InferenceServer"/>), the node's gates batch the misses continuously. A request whose
/// <see cref="IInferenceRequest.RequestId"/> is already in flight joins it: every requester gets the one result.
/// Publishes its <see cref="WorkerStatus"/> on <see cref="Topic"/> at start and every status interval, which is how
/// dispatchers find it and learn its <see cref="WorkerOptions.Capacity"/>.
/// </summary>
public sealed class GpuWorker : ReceiveActor, IWithTimers
{
    /// <summary>The DistributedPubSub topic of worker statuses.</summary>
    public const string Topic = "robustft.workers";

    private readonly RuntimeServices _services;
    private readonly string _device;
    private readonly TimeSpan _statusInterval;
    private readonly InferenceServer _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Requests taken and not yet answered, by request id, with everyone waiting for each.</summary>
    private readonly Dictionary<string, List<IActorRef>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Embeddings of the same text in flight under another request id (duplicate questions in a dataset): they
    /// wait for the first one's vector instead of running again, by the first one's request id.</summary>
    private readonly Dictionary<string, (string Text, List<(EmbedRequest Request, IActorRef Requester)> Waiting)> _sameText = new(StringComparer.Ordinal);

    /// <summary>The request id computing each text's embedding now.</summary>
    private readonly Dictionary<string, string> _embeddingOf = new(StringComparer.Ordinal);

    /// <summary>Requests taken since the last <see cref="DrainArrived"/>.</summary>
    private readonly List<IInferenceRequest> _arrived = [];

    private long _tokens;
    private long _requests;
    private (DateTimeOffset At, long Tokens) _lastStatus = (DateTimeOffset.UtcNow, 0);

    public GpuWorker(RuntimeServices services, string device, TimeSpan statusInterval)
    {
        _services = services;
        _device = device;
        _statusInterval = statusInterval;
        _server = new InferenceServer(services);

        Receive<GenerateRequest>(Accept);
        Receive<EmbedRequest>(Accept);
        Receive<DrainArrived>(_ => ServeArrived());
        Receive<InferenceServed>(Answer);
        Receive<InferenceDropped>(m => { foreach (var id in m.RequestIds) Forget(id); });
        Receive<PublishWorkerStatus>(_ => PublishStatus());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RuntimeServices services, string device, TimeSpan statusInterval) =>
        Akka.Actor.Props.Create(() => new GpuWorker(services, device, statusInterval));

    protected override void PreStart()
    {
        PublishStatus();
        Timers.StartPeriodicTimer("status", PublishWorkerStatus.Instance, _statusInterval);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Accept(IInferenceRequest request)
    {
        if (_inFlight.TryGetValue(request.RequestId, out var waiting))
        {
            if (!waiting.Contains(Sender)) waiting.Add(Sender);
            return;
        }
        if (request is EmbedRequest embed)
        {
            if (_embeddingOf.TryGetValue(embed.Text, out var leader))
            {
                _sameText[leader].Waiting.Add((embed, Sender));
                return;
            }
            _embeddingOf[embed.Text] = embed.RequestId;
            _sameText[embed.RequestId] = (embed.Text, []);
        }
        _inFlight[request.RequestId] = [Sender];
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
                    await _server.ServeAsync(run.Key, requests, (results, tokens) => self.Tell(new InferenceServed(results, tokens)), ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The worker stopped: dispatchers send its requests to another worker.
                }
                catch (Exception e)
                {
                    _log.Error(e, "serving {0} requests of run {1} failed; they run again when re-sent", requests.Count, run.Key);
                    self.Tell(new InferenceDropped(requests.Select(r => r.RequestId).ToList()));
                }
            }, CancellationToken.None);
        }
        _arrived.Clear();
    }

    private void Answer(InferenceServed served)
    {
        _tokens += served.Tokens;
        foreach (var result in served.Results)
        {
            if (!_inFlight.Remove(result.RequestId, out var waiting)) continue;
            _requests++;
            foreach (var requester in waiting) requester.Tell(result, Self);
            if (result is EmbedCompleted vector && _sameText.Remove(result.RequestId, out var same))
            {
                _embeddingOf.Remove(same.Text);
                foreach (var (request, requester) in same.Waiting)
                {
                    _requests++;
                    requester.Tell(vector with { RequestId = request.RequestId, RunId = request.RunId, SampleId = request.SampleId, FromCache = vector.Error is null }, Self);
                }
            }
        }
    }

    /// <summary>A request served by nobody (its store write failed): it and the same-text embeddings waiting for it run
    /// again when their samples re-send them.</summary>
    private void Forget(string requestId)
    {
        _inFlight.Remove(requestId);
        if (_sameText.Remove(requestId, out var same)) _embeddingOf.Remove(same.Text);
    }

    private void PublishStatus()
    {
        var now = DateTimeOffset.UtcNow;
        var seconds = (now - _lastStatus.At).TotalSeconds;
        var tokensPerSecond = seconds > 0 ? (_tokens - _lastStatus.Tokens) / seconds : 0;
        _lastStatus = (now, _tokens);
        var status = new WorkerStatus(
            ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(),
            _device,
            _services.ExecutionProvider,
            _services.Generation?.ModelId ?? _services.Embedding?.ModelId ?? "",
            _services.Worker.Capacity,
            _inFlight.Count,
            tokensPerSecond,
            _services.Metrics.Snapshot().AverageBatch,
            _tokens,
            _requests,
            now);
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(Topic, status), Self);
    }
}
