using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>What the actors of one node share: the store (runs, read model, inference cache), the run catalog, options
/// and, on a node with the gpu role, the model gates. Built once per node by the hosting and passed to every actor's
/// Props; tests build one over a real SQLite file.</summary>
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
    /// <summary>The node's generation gate (gpu role only).</summary>
    public GenerationGate? Generation { get; init; }

    /// <summary>The node's embedding gate (gpu role only).</summary>
    public EmbeddingGate? Embedding { get; init; }

    /// <summary>The node's slots for sample entities waiting at a barrier in memory (<see cref="SampleEntityOptions.WaitingPerNode"/>).</summary>
    public WaitingEntitySlots WaitingSlots { get; } = new();

    /// <summary>Execution provider of the node's models, for the worker status ("cpu", "cuda:0", "openai").</summary>
    public string ExecutionProvider { get; init; } = "cpu";
}
