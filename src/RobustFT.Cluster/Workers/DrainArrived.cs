namespace RobustFT.Cluster.Workers;

/// <summary>A <see cref="GpuWorker"/>'s note to itself, queued behind the requests already in its mailbox: serve
/// everything that arrived up to here as one batch.</summary>
internal sealed record DrainArrived
{
    public static DrainArrived Instance { get; } = new();
}
