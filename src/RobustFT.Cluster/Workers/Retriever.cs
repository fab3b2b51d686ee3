using Akka.Actor;
using Akka.Event;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Workers;

/// <summary>A sample node's retriever: answers a <see cref="RetrieveRequest"/> with the k clean samples most similar to
/// the noisy one (cosine, over the run's <see cref="CleanIndex"/> from the read model), or an empty list when the run
/// has no clean sample (the sample relabels zero-shot). A request that cannot be answered for a reason outside the
/// request (the store) is not answered: the sample re-sends it.</summary>
public sealed class Retriever : ReceiveActor
{
    private readonly CleanIndex _index;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public Retriever(RuntimeServices services)
    {
        _index = new CleanIndex(services.Samples);
        Receive<RetrieveRequest>(request =>
        {
            var requester = Sender;
            RetrieveAsync(request, _stopping.Token).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) requester.Tell(t.Result);
                else if (!t.IsCanceled) _log.Error(t.Exception, "retrieving for sample {0} of run {1} failed; it runs again when re-sent", request.SampleId, request.RunId);
            }, TaskScheduler.Default);
        });
    }

    public static Props Props(RuntimeServices services) => Akka.Actor.Props.Create(() => new Retriever(services));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task<RetrieveCompleted> RetrieveAsync(RetrieveRequest request, CancellationToken ct)
    {
        var clean = await _index.GetAsync(request.RunId, ct);
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
