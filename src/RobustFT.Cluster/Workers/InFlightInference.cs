using Akka.Actor;
using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>
/// One computation a <see cref="GpuWorker"/> runs, under its <see cref="KeyOf">de-duplication key</see>, and every
/// request waiting for it: the request it was started for, the same request re-sent (a sample's retry, a dispatcher's
/// re-dispatch) and, for an embedding, the requests of other samples with the same text (duplicate questions). Each
/// requester of each request gets the one result, under its own request's ids.
/// </summary>
internal sealed class InFlightInference(IInferenceRequest request, IActorRef requester)
{
    private readonly List<(IInferenceRequest Request, IActorRef Requester)> _waiting = [(request, requester)];

    /// <summary>The request that runs (the first one taken under this key).</summary>
    public IInferenceRequest Request { get; } = request;

    /// <summary>Distinct requests waiting (the running one included).</summary>
    public int Requests => RequestIds.Count;

    /// <summary>Whether every request waiting for it came from <paramref name="requester"/> (so it can be given back to
    /// that requester to run elsewhere without leaving another requester unanswered).</summary>
    public bool OnlyFor(IActorRef requester) => _waiting.All(w => w.Requester.Equals(requester));

    /// <summary>The distinct ids of the requests waiting for it.</summary>
    public IReadOnlyList<string> RequestIds => _waiting.Select(w => w.Request.RequestId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What makes two requests one computation: a generation's request id; an embedding's text (its vector does
    /// not depend on the run or the sample).</summary>
    public static string KeyOf(IInferenceRequest request) => request switch
    {
        EmbedRequest embed => "embed:" + embed.Text,
        _ => "request:" + request.RequestId,
    };

    /// <summary>Adds <paramref name="other"/> (same key) and its requester, unless that requester already waits for
    /// that request.</summary>
    public void Join(IInferenceRequest other, IActorRef by)
    {
        if (!_waiting.Any(w => w.Request.RequestId == other.RequestId && w.Requester.Equals(by))) _waiting.Add((other, by));
    }

    /// <summary>Every requester's answer to <paramref name="result"/> (the result of <see cref="Request"/>): the result
    /// itself for <see cref="Request"/>'s id; for another embedding request, the vector under that request's ids, marked
    /// from the cache (it did not run for that request).</summary>
    public IEnumerable<(IActorRef Requester, IInferenceResult Answer)> Answers(IInferenceResult result) =>
        _waiting.Select(w => (w.Requester, w.Request.RequestId == result.RequestId ? result : For(w.Request, result)));

    private static IInferenceResult For(IInferenceRequest request, IInferenceResult result) => (request, result) switch
    {
        (EmbedRequest embed, EmbedCompleted vector) =>
            vector with { RequestId = embed.RequestId, RunId = embed.RunId, SampleId = embed.SampleId, FromCache = vector.Error is null },
        _ => throw new InvalidOperationException($"result {result.RequestId} cannot answer request {request.RequestId}"),
    };
}
