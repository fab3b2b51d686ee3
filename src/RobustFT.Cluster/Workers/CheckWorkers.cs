namespace RobustFT.Cluster.Workers;

/// <summary>An <see cref="InferenceDispatcher"/>'s timer: drop workers gone silent, warn about requests no worker takes.</summary>
internal sealed record CheckWorkers
{
    public static CheckWorkers Instance { get; } = new();
}
