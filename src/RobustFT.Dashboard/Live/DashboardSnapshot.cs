using RobustFT.Dashboard.Api;

namespace RobustFT.Dashboard.Live;

/// <summary>What every server-sent event carries: all runs, all nodes and, on a run's stream, that run's detail.</summary>
public sealed record DashboardSnapshot(long Sequence, DateTimeOffset At, IReadOnlyList<RunSummary> Runs, NodesResponse Nodes, RunDetail? Run);
