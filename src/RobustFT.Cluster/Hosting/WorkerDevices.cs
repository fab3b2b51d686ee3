using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>A gpu node's devices: one <see cref="WorkerDevice"/> (its own gates) per <see cref="ModelDevice"/> the host
/// registered, each served by a GPU worker of its own. Disposed with the node's services.</summary>
public sealed class WorkerDevices : IDisposable
{
    public WorkerDevices(IEnumerable<ModelDevice> models, WorkerOptions options, WorkerMetrics metrics)
    {
        var list = models.ToList();
        if (list.Count == 0)
            throw new InvalidOperationException($"a node with the gpu role needs its models: register one {nameof(ModelDevice)} per device");
        if (list.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"device {twice.Key} is registered {twice.Count()} times; each device has one GPU worker");
        All = list.Select(m => WorkerDevice.Open(m, options, metrics)).ToList();
    }

    public IReadOnlyList<WorkerDevice> All { get; }

    public void Dispose()
    {
        foreach (var device in All) device.Dispose();
    }
}
