using RobustFT.Cluster.Samples;
using RobustFT.Dashboard.Api;

namespace RobustFT.Dashboard.Tests.Logic;

public sealed class StateMachineDiagramTests
{
    [Fact]
    public void Every_edge_joins_known_states_and_only_terminal_states_have_no_way_out()
    {
        Assert.All(StateMachineDiagram.Edges, e => Assert.Contains(e.From, SampleStates.All));
        Assert.All(StateMachineDiagram.Edges, e => Assert.Contains(e.To, SampleStates.All));
        var withExit = StateMachineDiagram.Edges.Select(e => e.From).ToHashSet();
        Assert.Equal(SampleStates.All.Except(SampleStates.Terminal).Order(), withExit.Order());
    }

    [Fact]
    public void Ablation_shortcuts_are_marked_apart_from_the_full_method_path()
    {
        var full = StateMachineDiagram.Edges.Where(e => !e.Ablation).Select(e => (e.From, e.To)).ToHashSet();
        Assert.Contains((SampleStates.Reasoning, SampleStates.Embedding), full);
        Assert.Contains((SampleStates.AwaitingSelection, SampleStates.Unlabeled), full);
        Assert.Contains(StateMachineDiagram.Edges, e => e.Ablation && (e.From, e.To) == (SampleStates.Reasoning, SampleStates.Relabeling));
        Assert.Contains(StateMachineDiagram.Edges, e => e.Ablation && (e.From, e.To) == (SampleStates.Reasoning, SampleStates.Dropped));
        Assert.DoesNotContain(StateMachineDiagram.Edges, e => e.Ablation && full.Contains((e.From, e.To)));
    }

    [Fact]
    public void Counts_list_every_state_in_pipeline_order_with_missing_ones_at_zero()
    {
        var counts = StateMachineDiagram.Counts(new Dictionary<string, int> { [SampleStates.Clean] = 4, [SampleStates.Reasoning] = 2 });

        Assert.Equal(SampleStates.All, counts.Select(c => c.State));
        Assert.Equal(6, counts.Sum(c => c.Count));
        Assert.Equal(StateMachineDiagram.Terminal, counts.Single(c => c.State == SampleStates.Clean).Kind);
        Assert.Equal(StateMachineDiagram.Waiting, counts.Single(c => c.State == SampleStates.AwaitingIndex).Kind);
        Assert.Equal(StateMachineDiagram.Working, counts.Single(c => c.State == SampleStates.Reasoning).Kind);
    }
}
