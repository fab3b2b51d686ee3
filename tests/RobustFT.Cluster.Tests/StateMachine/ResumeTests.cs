using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>The resume kick: StartSample to an existing saga re-sends the request of a working state, and nothing in a
/// barrier or terminal state.</summary>
public sealed class ResumeTests
{
    [Theory]
    [InlineData(SampleStates.Detecting)]
    [InlineData(SampleStates.Reasoning)]
    [InlineData(SampleStates.Relabeling)]
    [InlineData(SampleStates.Reviewing)]
    public async Task StartSample_in_a_generation_state_resends_the_same_request_with_the_same_seed(string state)
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, state);
        var first = h.Published<GenerateRequest>("s1").Last();
        var count = h.Published<GenerateRequest>("s1").Count;

        await h.StartSampleAsync("s1");

        await h.InStateAsync("s1", m => m.GetState(state));
        var requests = h.Published<GenerateRequest>("s1");
        Assert.Equal(count + 1, requests.Count);
        var again = requests[^1];
        Assert.Equal(first.Step, again.Step);
        Assert.Equal(first.Options, again.Options);
        Assert.Equal(first.Messages, again.Messages);
        Assert.Equal((first.CorrelationId, first.RunId, first.SampleId), (again.CorrelationId, again.RunId, again.SampleId));
    }

    [Fact]
    public async Task StartSample_while_Checking_resends_the_checker_request()
    {
        await using var h = await SampleSagaHarness.StartAsync(ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm });
        await NoisyPath.DriveToAsync(h, SampleStates.Checking);
        var first = h.Published<GenerateRequest>("s1").Last();

        await h.StartSampleAsync("s1");

        var again = h.Published<GenerateRequest>("s1").Last();
        Assert.NotSame(first, again);
        Assert.Equal(SampleSteps.Checker, again.Step);
        Assert.Equal((first.Options, first.Messages.Count), (again.Options, again.Messages.Count));
        Assert.Equal(first.Messages, again.Messages);
    }

    [Fact]
    public async Task StartSample_while_Embedding_resends_the_embed_request()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Embedding);

        await h.StartSampleAsync("s1");

        var requests = h.Published<EmbedRequest>("s1");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0], requests[1]);
    }

    [Fact]
    public async Task StartSample_while_Retrieving_resends_the_retrieve_request()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await NoisyPath.DriveToAsync(h, SampleStates.Retrieving);

        await h.StartSampleAsync("s1");

        var requests = h.Published<RetrieveRequest>("s1");
        Assert.Equal(2, requests.Count);
        Assert.Equal((requests[0].SampleId, requests[0].K), (requests[1].SampleId, requests[1].K));
        Assert.Equal(requests[0].Vector, requests[1].Vector);
        await h.InStateAsync("s1", m => m.Retrieving);
    }

    [Theory]
    [InlineData(SampleStates.AwaitingIndex)]
    [InlineData(SampleStates.AwaitingSelection)]
    [InlineData(SampleStates.Selected)]
    public async Task StartSample_in_a_barrier_or_terminal_state_publishes_nothing(string state)
    {
        await using var h = await SampleSagaHarness.StartAsync();
        var before = System.Text.Json.JsonSerializer.Serialize(await NoisyPath.DriveToAsync(h, state));
        var requests = h.RequestCount;

        await h.StartSampleAsync("s1");

        var saga = await h.InStateAsync("s1", m => m.GetState(state));
        Assert.Equal(requests, h.RequestCount);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(saga));
    }

    [Fact]
    public async Task StartSample_to_a_Clean_or_Faulted_sample_publishes_nothing()
    {
        await using var h = await SampleSagaHarness.StartAsync();
        await h.StartSampleAsync("s1");
        await h.CompleteAsync("s1", SampleSteps.Base, "Answer: B");
        await h.CompleteAsync("s1", SampleSteps.Reasoning, "Answer: B");
        await h.DeliverAsync(new EmbedCompleted(h.IdOf("s1"), [1f], false, null));
        await h.StartSampleAsync("s2");
        await h.CompleteAsync("s2", SampleSteps.Base, "", [], "boom");
        await h.InStateAsync("s1", m => m.Clean);
        await h.InStateAsync("s2", m => m.Faulted);
        var requests = h.RequestCount;

        await h.StartSampleAsync("s1");
        await h.StartSampleAsync("s2");

        Assert.Equal(requests, h.RequestCount);
        await h.InStateAsync("s1", m => m.Clean);
        await h.InStateAsync("s2", m => m.Faulted);
    }
}
