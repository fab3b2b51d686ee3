namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/runs/{id}</c>: the summary plus everything the run view draws.</summary>
/// <param name="States">Every state of the machine in <c>SampleStates.All</c> order, with its count (0 included).</param>
/// <param name="Edges">The state machine's transitions (static).</param>
/// <param name="EtaSeconds">Estimated seconds to the end; null until estimable (no progress yet, or ended).</param>
/// <param name="Throughput">Throughput history, oldest first; it starts when the serving process started.</param>
/// <param name="Faulted">The first <see cref="DashboardQueries.MaxFaulted"/> faulted samples.</param>
public sealed record RunDetail(
    RunSummary Run,
    IReadOnlyList<StateCount> States,
    IReadOnlyList<StateEdge> Edges,
    Barriers Barriers,
    double? Threshold,
    double Progress,
    double? EtaSeconds,
    IReadOnlyList<ThroughputPoint> Throughput,
    int FaultedCount,
    IReadOnlyList<FaultedSample> Faulted,
    InferenceSummary Inference);
