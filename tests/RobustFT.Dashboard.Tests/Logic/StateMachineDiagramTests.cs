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
