using System.Text.Json;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>At-least-once delivery: duplicates, redeliveries and out-of-order results change nothing.</summary>
public sealed class RedeliveryTests
{
    [Fact]
    public async Task A_redelivered_base_completion_after_the_step_was_recorded_changes_nothing()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Reasoning);
        var before = Snapshot(h.Find("s1")!);
        var requests = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Base, "A different answer.\nAnswer: D");

        var saga = await h.InStateAsync("s1", m => m.Reasoning);
        Assert.Equal(before, Snapshot(saga));
        Assert.Equal(requests, h.RequestCount);
    }

    [Fact]
    public async Task A_duplicated_reasoning_completion_records_one_round_and_sends_one_embed_request()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Embedding);
        var before = Snapshot(h.Find("s1")!);
        var requests = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Reasoning, NoisyPath.ExpertText);

        var saga = await h.InStateAsync("s1", m => m.Embedding);
        Assert.Single(saga.ReasoningResponses);
        Assert.Equal(before, Snapshot(saga));
        Assert.Equal(requests, h.RequestCount);
        Assert.Single(h.Published<EmbedRequest>("s1"));
    }

    [Fact]
    public async Task A_duplicated_embedding_after_the_sample_is_waiting_for_the_index_changes_nothing()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.AwaitingIndex);
        var before = Snapshot(h.Find("s1")!);

        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), [0f, 1f], true, null));

        var saga = await h.InStateAsync("s1", m => m.AwaitingIndex);
        Assert.Equal(before, Snapshot(saga));
    }

    [Fact]
    public async Task A_review_completion_arriving_while_Detecting_is_ignored()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Detecting);
        var before = Snapshot(h.Find("s1")!);
        var requests = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Review, "Answer: A");

        var saga = await h.InStateAsync("s1", m => m.Detecting);
        Assert.Equal(before, Snapshot(saga));
        Assert.Null(saga.ReviewResponse);
        Assert.Equal(requests, h.RequestCount);
    }

    [Fact]
    public async Task A_second_round_reasoning_completion_arriving_before_the_first_is_ignored()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { ReasoningRounds = 2 });
        await NoisyPath.DriveToAsync(h, SampleStates.Reasoning);
        var requests = h.RequestCount;

        await h.CompleteAsync("s1", "reasoning-2", "Too early.\nAnswer: D");

        var saga = await h.InStateAsync("s1", m => m.Reasoning);
        Assert.Empty(saga.ReasoningResponses);
        Assert.Equal(requests, h.RequestCount);

        await h.CompleteAsync("s1", SampleSteps.Reasoning, "In order.\nAnswer: B");

        saga = await h.InStateAsync("s1", m => m.Reasoning);
        Assert.Equal(["In order.\nAnswer: B"], saga.ReasoningResponses);
        Assert.Equal("reasoning-2", h.Published<GenerateRequest>("s1").Last().Step);
    }

    [Fact]
    public async Task A_selection_verdict_for_a_sample_still_relabeling_is_ignored()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);
        var before = Snapshot(h.Find("s1")!);

        await h.DeliverAsync(new SelectionDecided(h.IdOf("s1"), 0, true, 1.0));

        var saga = await h.InStateAsync("s1", m => m.Relabeling);
        Assert.Equal(before, Snapshot(saga));
        Assert.Null(saga.Selected);
    }

    [Fact]
    public async Task IndexReady_sent_to_a_Clean_sample_is_ignored()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");
        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Answer: B");
        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), [1f, 0f], false, null));
        var before = Snapshot(await h.InStateAsync("s1", m => m.Clean));

        await h.DeliverAsync(new IndexReady(h.IdOf("s1"), h.RunId));

        var saga = await h.InStateAsync("s1", m => m.Clean);
        Assert.Equal(before, Snapshot(saga));
        Assert.Empty(h.Published<RetrieveRequest>("s1"));
    }

    [Fact]
    public async Task A_second_IndexReady_while_Retrieving_sends_no_second_retrieval()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Retrieving);

        await h.DeliverAsync(new IndexReady(h.IdOf("s1"), h.RunId));

        await h.InStateAsync("s1", m => m.Retrieving);
        Assert.Single(h.Published<RetrieveRequest>("s1"));
    }

    /// <summary>Every recorded field of the saga, as text, for "nothing changed" comparisons.</summary>
    private static string Snapshot(SampleSaga saga) => JsonSerializer.Serialize(saga);
}
