using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Decisions;

/// <summary>The run's barriers, decided from per-state counts alone.</summary>
public sealed class BarrierDecisionTests
{
    private static Dictionary<string, int> Counts(params (string State, int Count)[] counts) =>
        counts.ToDictionary(c => c.State, c => c.Count);

    [Fact]
    public void The_index_is_ready_when_every_sample_is_clean_or_waiting_for_it()
    {
        var states = Counts((SampleStates.Clean, 6), (SampleStates.AwaitingIndex, 3), (SampleStates.Faulted, 1));

        Assert.True(BarrierDecision.IndexReady(10, states));
    }

    [Fact]
    public void The_index_is_not_ready_while_not_every_sample_has_a_saga_yet()
    {
        var states = Counts((SampleStates.Clean, 6), (SampleStates.AwaitingIndex, 3));

        Assert.False(BarrierDecision.IndexReady(10, states));
        Assert.False(BarrierDecision.SelectionReady(10, states));
        Assert.False(BarrierDecision.Finished(10, states));
    }

    [Fact]
    public void No_saga_at_all_is_not_ready_unless_the_run_has_no_samples()
    {
        Assert.False(BarrierDecision.IndexReady(3, Counts()));
        Assert.True(BarrierDecision.IndexReady(0, Counts()));
    }

    [Theory]
    [InlineData(SampleStates.Detecting)]
    [InlineData(SampleStates.Reasoning)]
    [InlineData(SampleStates.Checking)]
    [InlineData(SampleStates.Embedding)]
    public void One_sample_still_before_the_index_holds_the_first_barrier(string state)
    {
        var states = Counts((SampleStates.Clean, 6), (SampleStates.AwaitingIndex, 3), (state, 1));

        Assert.False(BarrierDecision.IndexReady(10, states));
        Assert.False(BarrierDecision.SelectionReady(10, states));
    }

    [Fact]
    public void States_with_a_zero_count_do_not_hold_a_barrier()
    {
        var states = Counts((SampleStates.Detecting, 0), (SampleStates.Reviewing, 0), (SampleStates.Clean, 4), (SampleStates.AwaitingSelection, 1));

        Assert.True(BarrierDecision.IndexReady(5, states));
        Assert.True(BarrierDecision.SelectionReady(5, states));
    }

    [Theory]
    [InlineData(SampleStates.AwaitingIndex)]
    [InlineData(SampleStates.Retrieving)]
    [InlineData(SampleStates.Relabeling)]
    [InlineData(SampleStates.Reviewing)]
    public void One_sample_still_before_selection_holds_the_second_barrier_but_not_the_first(string state)
    {
        var states = Counts((SampleStates.Clean, 5), (SampleStates.AwaitingSelection, 4), (state, 1));

        Assert.True(BarrierDecision.IndexReady(10, states));
        Assert.False(BarrierDecision.SelectionReady(10, states));
    }

    [Fact]
    public void Selection_is_ready_when_every_noisy_sample_awaits_selection()
    {
        var states = Counts((SampleStates.Clean, 5), (SampleStates.AwaitingSelection, 4), (SampleStates.Faulted, 1));

        Assert.True(BarrierDecision.SelectionReady(10, states));
        Assert.False(BarrierDecision.Finished(10, states));
    }

    [Fact]
    public void The_run_is_finished_when_every_sample_is_terminal()
    {
        var states = Counts((SampleStates.Clean, 5), (SampleStates.Selected, 2), (SampleStates.Dropped, 2), (SampleStates.Faulted, 1));

        Assert.True(BarrierDecision.Finished(10, states));
        Assert.False(BarrierDecision.Finished(11, states));
    }

    [Fact]
    public void One_sample_awaiting_selection_keeps_the_run_unfinished()
    {
        var states = Counts((SampleStates.Clean, 5), (SampleStates.Selected, 2), (SampleStates.Dropped, 2), (SampleStates.AwaitingSelection, 1));

        Assert.False(BarrierDecision.Finished(10, states));
    }
}
