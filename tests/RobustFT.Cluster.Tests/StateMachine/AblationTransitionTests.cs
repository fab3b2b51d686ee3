using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>The saga follows the ablations' shortcuts: it sends no request for a skipped step.</summary>
public sealed class AblationTransitionTests
{
    private static Task<SampleSagaHarness> StartAsync(Ablations ablations) =>
        SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { Ablations = ablations });

    [Fact]
    public async Task Without_reasoning_the_base_answer_leads_straight_to_embedding()
    {
        await using var h = await StartAsync(new Ablations { NoReasoning = true });
        await h.StartSampleAsync("s1");

        await h.CompleteAsync("s1", SampleSteps.Base, NoisyPath.ExpertText);

        await h.InStateAsync("s1", m => m.Embedding);
        Assert.Single(h.Published<EmbedRequest>("s1"));
        Assert.DoesNotContain(h.Published<GenerateRequest>("s1"), r => SampleSteps.IsReasoning(r.Step));
    }

    [Fact]
    public async Task Without_context_a_noisy_sample_is_relabeled_at_once_with_no_embedding_or_retrieval()
    {
        await using var h = await StartAsync(new Ablations { NoContext = true });
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, NoisyPath.ExpertText);

        await h.CompleteAsync("s1", SampleSteps.Reasoning, NoisyPath.ExpertText);

        await h.InStateAsync("s1", m => m.Relabeling);
        Assert.Empty(h.Published<EmbedRequest>("s1"));
        Assert.Empty(h.Published<RetrieveRequest>("s1"));
        var context = Assert.Single(h.Published<GenerateRequest>("s1"), r => r.Step == SampleSteps.Context);
        Assert.DoesNotContain("Question: ", context.Messages[^1].Content.Split("\n\nAnswer this")[0]);
    }

    [Fact]
    public async Task Without_relabeling_a_noisy_sample_is_dropped_after_the_check_and_nothing_more_is_sent()
    {
        await using var h = await StartAsync(new Ablations { NoRelabeling = true });
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, NoisyPath.ExpertText);
        var before = h.RequestCount;

        await h.CompleteAsync("s1", SampleSteps.Reasoning, NoisyPath.ExpertText);

        var saga = await h.InStateAsync("s1", m => m.Dropped);
        Assert.Equal(before, h.RequestCount);
        Assert.Null(saga.FinalLabel);
    }

    [Fact]
    public async Task Without_review_and_selection_the_context_answer_ends_Selected_with_no_review_request()
    {
        await using var h = await StartAsync(new Ablations { NoReview = true, NoSelection = true });
        await NoisyPath.DriveToAsync(h, SampleStates.Relabeling);

        await h.CompleteAsync("s1", SampleSteps.Context, NoisyPath.ContextText, NoisyPath.ContextLogprobs);

        var saga = await h.InStateAsync("s1", m => m.Selected);
        Assert.Equal(("A", (bool?)true, (int?)null), (saga.FinalLabel, saga.Selected, saga.Rank));
        Assert.DoesNotContain(h.Published<GenerateRequest>("s1"), r => r.Step == SampleSteps.Review);
    }
}
