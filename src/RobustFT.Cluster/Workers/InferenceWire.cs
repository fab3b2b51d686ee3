using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>Requests as they travel to a GPU worker on another node. Akka's default (Newtonsoft) serializer cannot
/// rebuild the read-only lists C# collection expressions create (<c>[message]</c> as an <c>IReadOnlyList</c>), so the
/// dispatcher sends a request's messages and stop strings as arrays: same content, same cache key.</summary>
public static class InferenceWire
{
    public static IInferenceRequest ForWorker(IInferenceRequest request) => request switch
    {
        GenerateRequest g => g with
        {
            Messages = g.Messages.ToArray(),
            Options = g.Options with { StopStrings = g.Options.StopStrings?.ToArray() },
        },
        _ => request,
    };
}
