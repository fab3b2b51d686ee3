using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Workers;

/// <summary>Asks a node's <see cref="InferenceDispatcher"/> for the GPU workers it knows; the answer is an
/// <c>IReadOnlyList&lt;WorkerStatus&gt;</c> (each worker's latest status), for the dashboard and <c>status</c>.</summary>
public sealed record GetWorkers : IRobustFtMessage
{
    public static GetWorkers Instance { get; } = new();

    private GetWorkers() { }
}
