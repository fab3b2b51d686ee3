using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Testing.Scripted;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>The relabeling half of the method, run whole with an expert whose context answer is the vote of the solved
/// examples in its prompt: broken retrieval (wrong neighbours, noisy samples in the index) or a broken context prompt
/// (no examples, examples without labels) gives wrong labels and fails these tests.</summary>
public sealed class ContextRelabelingTests
{
    private static Task<InProcessRun> RunAsync(MethodOptions method) =>
        InProcessRun.RunAsync(TopicData.Noisy, method, new NeighbourVotingModel(TopicData.Gold), new HashingEmbedder());

    [Fact]
    public async Task Every_noisy_sample_is_relabeled_right_from_its_retrieved_clean_neighbours()
    {
        var run = await RunAsync(ShippedDefaults.Config.Method() with { Beta = 1.0 });

        var noisy = TopicData.NoisySamples.ToList();
        Assert.Equal(TopicData.Topics * TopicData.PerTopic / 3, noisy.Count);
        Assert.All(noisy, s => Assert.Equal((SampleStates.Selected, TopicData.Gold[s.Id]), (run.Outcome(s.Id).State, run.Outcome(s.Id).FinalLabel)));
        Assert.Equal(1.0, run.Outcomes.Where(o => o.Exported).Average(o => o.FinalLabel == TopicData.Gold[o.Sample.Id] ? 1.0 : 0.0));
        Assert.Equal(TopicData.Noisy.Count, run.Report.Exported);
    }

    [Fact]
    public async Task The_clean_index_holds_clean_samples_only_and_neighbours_come_from_the_same_topic()
    {
        var run = await RunAsync(ShippedDefaults.Config.Method() with { Beta = 1.0 });

        var clean = run.Outcomes.Where(o => o.State == SampleStates.Clean).Select(o => o.Sample.Id).ToHashSet();
        var relabeled = run.Outcomes.Where(o => o.Clean == false).ToList();
        Assert.NotEmpty(relabeled);
        Assert.All(relabeled, o =>
        {
            Assert.Equal(3, o.Neighbours!.Count);
            Assert.All(o.Neighbours, n => Assert.Contains(n, clean));
            Assert.All(o.Neighbours, n => Assert.Equal(TopicData.TopicOf(o.Sample.Id), TopicData.TopicOf(n)));
        });
        Assert.All(run.Outcomes.Where(o => o.Clean == true), o => Assert.Null(o.Neighbours));
    }

    [Fact]
    public async Task The_context_prompt_shows_each_neighbours_question_and_label()
    {
        var model = new StepCountingModel(new NeighbourVotingModel(TopicData.Gold));
        var run = await InProcessRun.RunAsync(TopicData.Noisy, ShippedDefaults.Config.Method() with { Beta = 1.0 }, model, new HashingEmbedder());

        var byId = TopicData.Noisy.ToDictionary(s => s.Id);
        var contexts = model.Requests.Where(r => r.Step == SampleSteps.Context).ToList();
        Assert.Equal(TopicData.NoisySamples.Count(), contexts.Count);
        Assert.All(contexts, r =>
        {
            var prompt = r.Messages[^1].Content;
            foreach (var n in run.Outcome(r.SampleId).Neighbours!)
                Assert.Contains($"{byId[n].Question}\n", prompt);
            Assert.Equal(TopicData.Gold[r.SampleId], NeighbourVotingModel.Vote(prompt));
        });
    }
}
