using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Workers;

/// <summary>Asks a <see cref="GpuWorker"/> for its <see cref="Contracts.WorkerStatus"/> now (answered to the sender): a
/// dispatcher asks the workers of a gpu node as soon as the node is up, instead of waiting for their next published
/// status.</summary>
public sealed record GetWorkerStatus : IRobustFtMessage
{
    public static GetWorkerStatus Instance { get; } = new();

    private GetWorkerStatus() { }
}
