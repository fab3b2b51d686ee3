using Akka.Actor;
using Akka.Event;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Workers;

/// <summary>A sample node's retriever: answers a <see cref="RetrieveRequest"/> with the k clean samples most similar to
/// the noisy one (cosine, over the run's <see cref="CleanIndex"/> from the read model), or an empty list when the run
/// has no clean sample (the sample relabels zero-shot).
/// <para>Everything happens in the actor, one step at a time, so memory and CPU stay bounded when a barrier releases
/// thousands of samples at once: a run's index is loaded once (off the actor, piped back); requests that arrive
/// meanwhile wait in the actor's queue for that run; then the waiting requests are answered in arrival order,
/// <see cref="AnswersPerTurn"/> per message, so requests of other runs and new ones interleave. A load that fails (the
/// store) answers nothing: the waiting samples re-send after their request timeout, and the next request loads
/// again.</para>
/// <code>
///  (no index) ─request─► Loading (requests queue) ─loaded─► Loaded: answer the queue in order, AnswersPerTurn a turn
///                                                  └failed─► (no index); queued requests dropped, re-sent by the samples
/// </code>
/// </summary>
public sealed class Retriever : ReceiveActor
{
    /// <summary>Requests answered per message: a kNN over a few thousand vectors each, a few milliseconds a batch.</summary>
    public const int AnswersPerTurn = 32;

    private readonly CleanIndex _index;
    private readonly Dictionary<string, RunRetrievals> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public Retriever(RuntimeServices services)
    {
        _index = new CleanIndex(services.Samples);
        Receive<RetrieveRequest>(request =>
        {
            if (!_runs.TryGetValue(request.RunId, out var run)) run = Load(request.RunId);
            run.Waiting.Enqueue((request, Sender));
            if (run.Clean is not null && run.Waiting.Count == 1) Self.Tell(new AnswerWaiting(request.RunId));
        });
        Receive<CleanIndexLoaded>(loaded =>
        {
            var run = _runs[loaded.RunId];
            if (loaded.Clean is null)
            {
                _log.Error(loaded.Error, "run {0}: loading the clean index failed; {1} waiting requests run again when re-sent",
                    loaded.RunId, run.Waiting.Count);
                _runs.Remove(loaded.RunId);
                return;
            }
            _log.Info("run {0}: clean index loaded ({1} clean samples, {2} requests waiting)", loaded.RunId, loaded.Clean.Count, run.Waiting.Count);
            run.Clean = loaded.Clean;
            if (run.Waiting.Count > 0) Self.Tell(new AnswerWaiting(loaded.RunId));
        });
        Receive<AnswerWaiting>(answer =>
        {
            var run = _runs[answer.RunId];
            for (var i = 0; i < AnswersPerTurn && run.Waiting.TryDequeue(out var waiting); i++)
                waiting.Requester.Tell(Retrieve(waiting.Request, run.Clean!));
            if (run.Waiting.Count > 0) Self.Tell(answer);
        });
    }

    public static Props Props(RuntimeServices services) => Akka.Actor.Props.Create(() => new Retriever(services));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private RunRetrievals Load(string runId)
    {
        var run = new RunRetrievals();
        _runs[runId] = run;
        _index.LoadAsync(runId, _stopping.Token).PipeTo(Self,
            success: clean => new CleanIndexLoaded(runId, clean, null),
            failure: e => new CleanIndexLoaded(runId, null, e));
        return run;
    }

    private static RetrieveCompleted Retrieve(RetrieveRequest request, IReadOnlyList<(string Id, float[] Vector)> clean)
    {
        if (clean.Count == 0) return new RetrieveCompleted(request.RunId, request.SampleId, [], null); // zero-shot
        try
        {
            return new RetrieveCompleted(request.RunId, request.SampleId, NearestNeighbours.TopK(request.SampleId, request.Vector, clean, request.K).ToArray(), null);
        }
        catch (ArgumentException e)
        {
            return new RetrieveCompleted(request.RunId, request.SampleId, [], e.Message); // the request itself is wrong (k, dimensions)
        }
    }
}
