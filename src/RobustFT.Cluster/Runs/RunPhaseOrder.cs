namespace RobustFT.Cluster.Runs;

/// <summary>Which phase moves a run actor accepts: only forward (Ingesting → Detecting → Retrieving → Selecting →
/// Exporting → Completed), Cancelled from any phase before Completed, Failed from any phase before Completed; nothing
/// after Completed, Failed or Cancelled (a cancelled run exports partial and ends in Cancelled).</summary>
public static class RunPhaseOrder
{
    public static bool IsFinal(RunPhase phase) => phase is RunPhase.Completed or RunPhase.Failed or RunPhase.Cancelled;

    public static bool CanAdvance(RunPhase from, RunPhase to) => !IsFinal(from) && to > from;
}
