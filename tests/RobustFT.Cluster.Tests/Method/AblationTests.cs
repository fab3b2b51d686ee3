using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Testing.Scripted;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>The paper's ablations (<c>robustft.method.ablations</c>), each run whole: the steps it skips make no model
/// calls, and the labels follow its rule. Base and reasoning experts know the right answer, so a sample is noisy
/// exactly when its given label is wrong.</summary>
public sealed class AblationTests
{
    private static readonly int Samples = TopicData.Noisy.Count;
    private static readonly int Noisy = TopicData.NoisySamples.Count();

    private static async Task<(InProcessRun Run, StepCountingModel Model, CountingEmbedder Embedder)> RunAsync(Ablations ablations, double beta = 1.0)
    {
        var model = new StepCountingModel(new NeighbourVotingModel(TopicData.Gold));
        var embedder = new CountingEmbedder(new HashingEmbedder());
        var run = await InProcessRun.RunAsync(TopicData.Noisy, ShippedDefaults.Config.Method() with { Beta = beta, Ablations = ablations }, model, embedder);
        Assert.Equal(ablations, run.Report.Method!.Ablations);
        return (run, model, embedder);
    }

    private static IEnumerable<Core.Datasets.SampleOutcome> Relabeled(InProcessRun run) => run.Outcomes.Where(o => o.Clean == false);

    [Fact]
    public async Task The_full_method_calls_every_step()
    {
        var (run, model, embedder) = await RunAsync(new Ablations());

        Assert.Equal((Samples, Samples, Noisy, Noisy, Samples),
            (model.Calls(SampleSteps.Base), model.Calls(SampleSteps.Reasoning), model.Calls(SampleSteps.Context), model.Calls(SampleSteps.Review), embedder.Texts));
        Assert.NotNull(run.Report.Threshold);
    }

    [Fact]
    public async Task Without_selection_every_relabeled_sample_is_kept_unranked()
    {
        var (run, model, _) = await RunAsync(new Ablations { NoSelection = true }, beta: 0.5);

        Assert.Equal((Noisy, Noisy), (model.Calls(SampleSteps.Context), model.Calls(SampleSteps.Review)));
        Assert.Null(run.Report.Threshold);
        Assert.All(Relabeled(run), o => Assert.Equal((SampleStates.Selected, (int?)null, true), (o.State, o.Rank, o.Exported)));
        Assert.Equal(Samples, run.Report.Exported);
    }

    [Fact]
    public async Task Without_the_reasoning_expert_no_reasoning_call_is_made_and_the_base_answer_alone_decides()
    {
        var (run, model, _) = await RunAsync(new Ablations { NoReasoning = true });

        Assert.Equal((0, Samples), (model.Calls(SampleSteps.Reasoning), model.Calls(SampleSteps.Base)));
        Assert.All(run.Outcomes, o => Assert.Equal(o.Sample.Label == o.BaseAnswer, o.Clean));
        Assert.All(run.Outcomes, o => Assert.Null(o.ReasoningResponse));
        Assert.Equal(Noisy, Relabeled(run).Count());
    }

    [Fact]
    public async Task Without_review_no_review_call_is_made_and_the_context_answer_is_the_label()
    {
        var (run, model, _) = await RunAsync(new Ablations { NoReview = true });

        Assert.Equal((0, Noisy), (model.Calls(SampleSteps.Review), model.Calls(SampleSteps.Context)));
        Assert.All(Relabeled(run), o => Assert.Equal((o.ContextAnswer, (string?)null), (o.FinalLabel, o.ReviewResponse)));
        Assert.All(Relabeled(run), o => Assert.Equal(TopicData.Gold[o.Sample.Id], o.FinalLabel));
    }

    [Fact]
    public async Task Without_context_nothing_is_embedded_or_retrieved_and_the_context_prompt_has_no_examples()
    {
        var (run, model, embedder) = await RunAsync(new Ablations { NoContext = true });

        Assert.Equal((0, Noisy), (embedder.Texts, model.Calls(SampleSteps.Context)));
        Assert.All(run.Outcomes, o => Assert.Null(o.Neighbours));
        Assert.All(model.Requests.Where(r => r.Step == SampleSteps.Context),
            r => Assert.Equal(NeighbourVotingModel.WithoutExamples, NeighbourVotingModel.Vote(r.Messages[^1].Content)));
        Assert.All(Relabeled(run), o => Assert.Equal(NeighbourVotingModel.WithoutExamples, o.FinalLabel));
        Assert.All(run.Outcomes.Where(o => o.Clean == true), o => Assert.Equal((SampleStates.Clean, o.Sample.Label), (o.State, o.FinalLabel)));
    }

    [Fact]
    public async Task Without_relabeling_noisy_samples_are_dropped_with_no_embedding_context_or_review_call()
    {
        var (run, model, embedder) = await RunAsync(new Ablations { NoRelabeling = true });

        Assert.Equal((0, 0, 0), (embedder.Texts, model.Calls(SampleSteps.Context), model.Calls(SampleSteps.Review)));
        Assert.All(Relabeled(run), o => Assert.Equal((SampleStates.Dropped, (string?)null, false), (o.State, o.FinalLabel, o.Exported)));
        Assert.Equal(Samples - Noisy, run.Report.Exported);
        Assert.All(run.Outcomes.Where(o => o.Exported), o => Assert.Equal(o.Sample.Label, o.FinalLabel));
        Assert.Null(run.Report.Threshold);
        Assert.Equal(0, run.Report.Relabeled);
    }
}
