using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The waves' bookkeeping, without actors: what counts as live and which samples go next.</summary>
public sealed class SampleWavesTests
{
    private static readonly string[] Input = ["s1", "s2", "s3", "s4", "s5"];
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Live_samples_are_those_in_working_states_plus_those_sent_a_message_the_read_model_does_not_show_yet()
    {
        var pending = new PendingSamples();
        pending.Add(new StartSample("r", "s4"), null, T0);
        var counts = new Dictionary<string, int>
        {
            [SampleStates.Detecting] = 1, [SampleStates.Relabeling] = 2, [SampleStates.AwaitingIndex] = 5, [SampleStates.Clean] = 7,
        };
        Assert.Equal(4, SampleWaves.Live(counts, pending));
    }

    [Fact]
    public void The_cursor_starts_the_samples_not_started_before_in_input_order_up_to_the_room_and_never_twice()
    {
        var cursor = new InputCursor(Input, new HashSet<string> { "s1", "s4" });
        Assert.Equal(["s2"], cursor.Take(1));
        Assert.Empty(cursor.Take(0));
        Assert.Equal(["s3", "s5"], cursor.Take(5));
        Assert.Empty(cursor.Take(5));
    }

    [Fact]
    public void Samples_released_from_the_first_barrier_are_those_awaiting_the_index_not_yet_sent_up_to_the_room()
    {
        var pending = new PendingSamples();
        pending.Add(new IndexReady("r", "s3"), SampleStates.AwaitingIndex, T0);
        string[] awaiting = ["s1", "s3", "s5"];
        Assert.Equal(["s1", "s5"], SampleWaves.ToRelease(awaiting, pending, room: 5));
        Assert.Equal(["s1"], SampleWaves.ToRelease(awaiting, pending, room: 1));
        Assert.Empty(SampleWaves.ToRelease(awaiting, pending, room: 0));
    }

    [Fact]
    public void A_pending_sample_settles_once_the_read_model_shows_it_in_another_state_than_when_it_was_sent()
    {
        var pending = new PendingSamples();
        pending.Add(new StartSample("r", "started"), null, T0);
        pending.Add(new IndexReady("r", "released"), SampleStates.AwaitingIndex, T0);
        pending.Add(new StartSample("r", "unseen"), null, T0);

        pending.Settle(new Dictionary<string, string> { ["started"] = SampleStates.Detecting, ["released"] = SampleStates.AwaitingIndex });
        Assert.Equal((2, false, true, true), (pending.Count, pending.Contains("started"), pending.Contains("released"), pending.Contains("unseen")));

        pending.Settle(new Dictionary<string, string> { ["released"] = SampleStates.Retrieving });
        Assert.Equal((1, true), (pending.Count, pending.Contains("unseen")));
    }

    [Fact]
    public void A_message_whose_sample_has_not_moved_for_ResendAfter_is_due_again_oldest_first_at_most_the_bound_and_then_not_before_another_ResendAfter()
    {
        var pending = new PendingSamples();
        pending.Add(new IndexReady("r", "late"), SampleStates.AwaitingIndex, T0.AddSeconds(2));
        pending.Add(new StartSample("r", "early"), null, T0);
        pending.Add(new IndexReady("r", "fresh"), SampleStates.AwaitingIndex, T0.AddSeconds(9));
        var after = TimeSpan.FromSeconds(5);

        Assert.Equal([new StartSample("r", "early")], pending.Overdue(T0.AddSeconds(10), after, max: 1));
        Assert.Equal([new IndexReady("r", "late")], pending.Overdue(T0.AddSeconds(10), after, max: 5));
        Assert.Empty(pending.Overdue(T0.AddSeconds(12), after, max: 5));
        Assert.Equal(["early", "fresh", "late"], pending.Overdue(T0.AddSeconds(15), after, max: 5).Select(m => m.SampleId).Order());
        Assert.Equal(3, pending.Count); // sent again, still pending until the read model shows them moved
    }
}
