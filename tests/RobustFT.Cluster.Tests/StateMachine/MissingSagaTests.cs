using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>Only StartSample creates a saga: results and barrier messages for an unknown sample are discarded.</summary>
public sealed class MissingSagaTests
{
    [Fact]
    public async Task Results_and_barrier_messages_for_a_sample_without_a_saga_are_discarded_without_creating_one()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        var id = h.IdOf("s2");

        await h.CompleteAsync("s2", SampleSteps.Base, "Answer: B");
        await h.DeliverAsync(new EmbedCompleted(id, [1f], false, null));
        await h.DeliverAsync(new IndexReady(id, h.RunId));
        await h.DeliverAsync(new RetrieveCompleted(id, ["s1"], null));
        await h.DeliverAsync(new SelectionDecided(id, 0, true, 1.0));

        Assert.Null(h.Find("s2"));
        Assert.Equal(0, h.RequestCount);
    }

    [Fact]
    public async Task A_result_for_one_sample_does_not_touch_another_samples_saga()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.StartSampleAsync("s2");

        await h.CompleteAsync("s2", SampleSteps.Base, "Answer: A");

        var s1 = await h.InStateAsync("s1", m => m.Detecting);
        var s2 = await h.InStateAsync("s2", m => m.Reasoning);
        Assert.Null(s1.BaseResponse);
        Assert.Equal("A", s2.BaseAnswer);
        Assert.NotEqual(s1.CorrelationId, s2.CorrelationId);
    }
}
