namespace RobustFT.Cluster.Workers;

/// <summary>One device a <see cref="GpuWorker"/> serves: its name and the gates in front of its models (continuous
/// batching of everything waiting for this device). A gate is null when the device has no such model (tests).</summary>
public sealed record WorkerDevice(string Name, GenerationGate? Generation, EmbeddingGate? Embedding) : IDisposable
{
    /// <summary>The gates over <paramref name="models"/>.</summary>
    public static WorkerDevice Open(ModelDevice models, WorkerOptions options, WorkerMetrics metrics) =>
        new(models.Name, new GenerationGate(models.Generator, options, metrics), new EmbeddingGate(models.Encoder, options));

    /// <summary>What every worker actor's name starts with.</summary>
    public const string ActorNamePrefix = "gpu-worker-";

    /// <summary>The name of the device's worker actor: <c>gpu-worker-{device}</c>, escaped.</summary>
    public string ActorName => ActorNamePrefix + Uri.EscapeDataString(Name);

    public void Dispose()
    {
        Generation?.Dispose();
        Embedding?.Dispose();
    }
}
