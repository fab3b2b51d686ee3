using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>An <see cref="InferenceDispatcher"/>'s view of one GPU worker: its latest status, when it was seen, and the
/// requests of this dispatcher it holds (in the order they were sent).</summary>
internal sealed class KnownWorker(WorkerStatus status)
{
    public WorkerStatus Status { get; set; } = status;

    public DateTimeOffset SeenAt { get; set; } = DateTimeOffset.UtcNow;

    public List<string> Outstanding { get; } = [];

    /// <summary>Requests it can take now from this dispatcher: its capacity shared evenly by the cluster's
    /// <paramref name="dispatchers"/> (one per sample node, at least one request each), less what this one holds there.</summary>
    public int Free(int dispatchers) => Math.Max(1, (Status.Capacity + dispatchers - 1) / Math.Max(1, dispatchers)) - Outstanding.Count;
}
