using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The waves' bookkeeping, without actors: what counts as live and which samples go next.</summary>
public sealed class SampleWavesTests
{
    private static readonly string[] Input = ["s1", "s2", "s3", "s4", "s5"];

    [Fact]
    public void Live_samples_are_those_in_working_states_plus_those_sent_a_message_the_read_model_does_not_show_yet()
    {
        var pending = new PendingSamples();
        pending.Add("s4", null);
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
        pending.Add("s3", SampleStates.AwaitingIndex);
        string[] awaiting = ["s1", "s3", "s5"];
        Assert.Equal(["s1", "s5"], SampleWaves.ToRelease(awaiting, pending, room: 5));
        Assert.Equal(["s1"], SampleWaves.ToRelease(awaiting, pending, room: 1));
        Assert.Empty(SampleWaves.ToRelease(awaiting, pending, room: 0));
    }

    [Fact]
    public void A_pending_sample_settles_once_the_read_model_shows_it_in_another_state_than_when_it_was_sent()
    {
        var pending = new PendingSamples();
        pending.Add("started", null);
        pending.Add("released", SampleStates.AwaitingIndex);
        pending.Add("unseen", null);

        pending.Settle(new Dictionary<string, string> { ["started"] = SampleStates.Detecting, ["released"] = SampleStates.AwaitingIndex });
        Assert.Equal((2, false, true, true), (pending.Count, pending.Contains("started"), pending.Contains("released"), pending.Contains("unseen")));

        pending.Settle(new Dictionary<string, string> { ["released"] = SampleStates.Retrieving });
        Assert.Equal((1, true), (pending.Count, pending.Contains("unseen")));
    }
}
