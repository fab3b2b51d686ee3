using RobustFT.Cluster.Workers;

namespace RobustFT.Cli.Backends;

/// <summary>A GPU node's models, one set per device (each served by a GPU worker of its own); disposing disposes them
/// all.</summary>
public sealed class NodeBackends : IAsyncDisposable
{
    private NodeBackends(IReadOnlyList<DeviceBackends> devices) => Devices = devices;

    /// <summary>At least one.</summary>
    public IReadOnlyList<DeviceBackends> Devices { get; }

    /// <summary>The models' ids (every device loads the same models).</summary>
    public (string Generator, string Encoder) ModelIds => (Devices[0].Models.Generator.ModelId, Devices[0].Models.Encoder.ModelId);

    /// <summary>Opens each of <paramref name="devices"/> with <paramref name="open"/>, in order; when one fails, those
    /// opened already are disposed and the error is thrown.</summary>
    public static NodeBackends Open<T>(IReadOnlyList<T> devices, Func<T, string> name, Func<T, ModelBackends> open)
    {
        if (devices.Count == 0) throw new ArgumentException("a GPU node has at least one device", nameof(devices));
        var opened = new List<DeviceBackends>();
        try
        {
            foreach (var device in devices) opened.Add(new DeviceBackends(name(device), open(device)));
            return new NodeBackends(opened);
        }
        catch
        {
            foreach (var d in opened) d.Models.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>The devices as the actor runtime takes them (register each one).</summary>
    public IEnumerable<ModelDevice> ForRuntime() => Devices.Select(d => new ModelDevice(d.Device, d.Models.Generator, d.Models.Encoder));

    public async ValueTask DisposeAsync()
    {
        foreach (var d in Devices) await d.Models.DisposeAsync();
    }
}
