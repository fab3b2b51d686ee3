using Akka.Actor;
using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>The retriever's state for one run: its clean index once loaded (null while loading) and the requests
/// waiting for an answer, in arrival order, each with whom to answer.</summary>
internal sealed class RunRetrievals
{
    public IReadOnlyList<(string Id, float[] Vector)>? Clean { get; set; }

    public Queue<(RetrieveRequest Request, IActorRef Requester)> Waiting { get; } = new();
}
