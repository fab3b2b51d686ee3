using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>What the actors of one node share: the store (runs, read model, inference cache), the run catalog, options
/// and, on a node with the gpu role, its model devices (each with its own gates and GPU worker). Built once per node by
/// the hosting and passed to every actor's Props; tests build one over a real SQLite file.</summary>
public sealed record RuntimeServices(
    RunStore Runs,
    SampleReadModel Samples,
    RunCatalog Catalog,
    InferenceCache Cache,
    RunControl Control,
    WorkerMetrics Metrics,
    SampleEntityOptions Entity,
    CoordinatorOptions Coordinator,
    WorkerOptions Worker,
    ILoggerFactory Logging)
{
    /// <summary>The node's model devices, one GPU worker each (gpu role only; empty otherwise).</summary>
    public IReadOnlyList<WorkerDevice> Devices { get; init; } = [];

    /// <summary>The node's slots for sample entities waiting at a barrier in memory (<see cref="SampleEntityOptions.WaitingPerNode"/>).</summary>
    public WaitingEntitySlots WaitingSlots { get; } = new();

    /// <summary>The node's hints between its run parts (a run submitted, a run's row changed): its coordinator and its
    /// run followers act on them at once instead of at their next poll.</summary>
    public RunSignals Signals { get; init; } = new();

    /// <summary>Execution provider of the node's models, for the worker statuses ("cpu", "cuda", "openai").</summary>
    public string ExecutionProvider { get; init; } = "cpu";
}
