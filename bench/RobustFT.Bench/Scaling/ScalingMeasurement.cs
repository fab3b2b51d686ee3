namespace RobustFT.Bench.Scaling;

/// <summary>What one configuration (one coordinator+sample node and <see cref="GpuNodes"/> GPU nodes) measured.</summary>
/// <param name="WallSeconds">From <c>RunAsync</c> to the run's end: ingestion, both barriers, selection and export included.</param>
/// <param name="Generate">Generation calls summed over the GPU nodes.</param>
/// <param name="Embed">Embedding calls summed over the GPU nodes.</param>
/// <param name="ItemsPerNode">Generation + embedding items each GPU node ran (load balance).</param>
/// <param name="SlowNodes">GPU nodes of the set that run at twice the cost (the heterogeneous sets).</param>
/// <param name="JournalEvents">Events in the Akka.Persistence journal after the run (sample and run actors).</param>
/// <param name="ResidentMb">Peak resident memory of this process (every node of the set) during the run.</param>
/// <param name="ProcessCpuSeconds">CPU time of this process (all nodes) during the run.</param>
/// <param name="MachineBusy">Share of the machine's cores busy during the run (every process, broker and PostgreSQL included).</param>
/// <param name="PhaseStarts">Seconds after the start at which the coordinator first reported each run phase.</param>
/// <param name="GpuIdle">Where each GPU node stood idle during the run (gaps of at least 0.1 s).</param>
/// <param name="IdleCores">CPU of this process (all nodes) while the formed cluster had no run, in cores (<c>--idle-s</c>);
/// null when not measured.</param>
public sealed record ScalingMeasurement(
    int GpuNodes,
    int Samples,
    string Phase,
    int Clean,
    int Noisy,
    int Relabeled,
    int Selected,
    int Faulted,
    double WallSeconds,
    GpuUsage Generate,
    GpuUsage Embed,
    IReadOnlyList<long> ItemsPerNode,
    int SlowNodes,
    long JournalEvents,
    DatabaseWrites Database,
    double ProcessCpuSeconds,
    double MachineBusy,
    double ResidentMb,
    IReadOnlyDictionary<string, double> PhaseStarts,
    IReadOnlyList<GpuIdle> GpuIdle,
    double? IdleCores = null);
