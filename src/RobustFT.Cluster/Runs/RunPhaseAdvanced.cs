using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Runs;

/// <summary>Persisted by the run actor ("run-{runId}"): the run moved forward to <paramref name="Phase"/>
/// (<see cref="RunPhaseOrder"/>), with the operator's or the failure's message for Cancelled and Failed.</summary>
public sealed record RunPhaseAdvanced(RunPhase Phase, string? Message = null) : IRobustFtMessage;
