namespace RobustFT.Cluster.Workers;

/// <summary>A <see cref="GpuWorker"/>'s timer: publish its <c>WorkerStatus</c> now.</summary>
internal sealed record PublishWorkerStatus
{
    public static PublishWorkerStatus Instance { get; } = new();
}
