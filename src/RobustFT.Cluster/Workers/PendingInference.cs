using Akka.Actor;
using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>An <see cref="InferenceDispatcher"/>'s request not yet answered: who asked, and the worker holding it (none
/// while it is queued).</summary>
internal sealed class PendingInference(IInferenceRequest request, IActorRef requester)
{
    private readonly List<IActorRef> _requesters = [requester];

    public IInferenceRequest Request { get; } = request;

    public IReadOnlyList<IActorRef> Requesters => _requesters;

    public IActorRef? Worker { get; set; }

    public void AddRequester(IActorRef requester)
    {
        if (!_requesters.Contains(requester)) _requesters.Add(requester);
    }
}
