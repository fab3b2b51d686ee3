using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The run actor's phase moves: only forward; Cancelled and Failed from any phase before the run finished.</summary>
public sealed class RunPhaseOrderTests
{
    [Theory]
    [InlineData(RunPhase.Ingesting, RunPhase.Detecting, true)]
    [InlineData(RunPhase.Detecting, RunPhase.Selecting, true)]
    [InlineData(RunPhase.Exporting, RunPhase.Completed, true)]
    [InlineData(RunPhase.Retrieving, RunPhase.Cancelled, true)]
    [InlineData(RunPhase.Exporting, RunPhase.Failed, true)]
    [InlineData(RunPhase.Retrieving, RunPhase.Detecting, false)]
    [InlineData(RunPhase.Selecting, RunPhase.Selecting, false)]
    [InlineData(RunPhase.Completed, RunPhase.Failed, false)]
    [InlineData(RunPhase.Completed, RunPhase.Cancelled, false)]
    [InlineData(RunPhase.Failed, RunPhase.Cancelled, false)]
    [InlineData(RunPhase.Cancelled, RunPhase.Failed, false)]
    public void A_phase_moves_only_forward_and_not_after_the_run_finished(RunPhase from, RunPhase to, bool allowed) =>
        Assert.Equal(allowed, RunPhaseOrder.CanAdvance(from, to));
}
