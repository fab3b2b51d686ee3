using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Api;

/// <summary>The lineage of a run with ablations says which steps the run skipped and shows only the prompts it sent.</summary>
public sealed class AblatedLineageTests
{
    [Fact]
    public async Task Lineage_of_a_run_without_context_and_review_lists_the_skipped_steps_and_no_review_prompt()
    {
        await using var run = await EmbeddedRun.StartAsync(30, TimeSpan.Zero,
            method: ShippedDefaults.Config.Method() with { Ablations = new Ablations { NoContext = true, NoReview = true } });
        await run.WaitForEndAsync();
        var relabeled = (await run.GetAsync<SamplesResponse>($"/api/runs/{run.RunId}/samples?state={SampleStates.Selected}&limit=1")).Samples.Single();

        var lineage = await run.GetAsync<SampleLineage>(relabeled.Url);

        Assert.Equal([SampleSteps.Embed, SampleSteps.Retrieve, SampleSteps.Review], lineage.SkippedSteps);
        Assert.Equal(["base", "reasoning", "context"], lineage.Prompts.Select(p => p.Step));
        Assert.Empty(lineage.Neighbours);
        Assert.Null(lineage.ReviewResponse);
        Assert.NotNull(lineage.FinalLabel);
    }
}
