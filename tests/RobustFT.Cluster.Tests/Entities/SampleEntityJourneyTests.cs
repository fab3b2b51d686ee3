using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Every transition of one sample's journey through its entity: each step's result is persisted, then the next
/// state's request leaves (to the inference dispatcher or the retriever, from the entity); barrier and terminal states
/// passivate. Sample s1's label is B.</summary>
public sealed class SampleEntityJourneyTests() : TestKit(EntityConfig.InMemory)
{
    private const string Sample = "s1";

    [Fact]
    public void Every_state_of_the_method_has_one_entity_behaviour_matching_the_state_lists()
    {
        foreach (var state in SampleStates.All)
        {
            var expected = SampleStates.Terminal.Contains(state) ? SampleBehaviour.Finished
                : SampleStates.Waiting.Contains(state) ? SampleBehaviour.AtBarrier
                : SampleBehaviour.Working;
            Assert.Equal(expected, SampleEntity.BehaviourOf(state));
        }
        Assert.Throws<InvalidOperationException>(() => SampleEntity.BehaviourOf("Sleeping"));
    }

    [Fact]
    public async Task A_sample_whose_experts_agree_with_its_label_goes_detecting_reasoning_embedding_to_clean_and_passivates()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();

        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        EntityDriver.AssertSameRequest((GenerateRequest)SampleRequests.For(new SampleRecord { RunId = run.RunId, SampleId = Sample, CurrentState = SampleStates.Detecting }, run.Run)!, base_);
        Assert.Equal(SampleStates.Detecting, sample.StateInJournal());

        sample.Answer(base_, "Answer: B");
        sample.Answer(sample.ExpectGenerate(SampleSteps.Reasoning), "Let me think. Answer: B");
        Assert.Equal(SampleStates.Embedding, sample.StateInJournal());

        var embed = sample.ExpectEmbed();
        Assert.Equal(run.Run.Sample(Sample).Question, embed.Text);
        sample.AnswerEmbed(embed);

        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((SampleStates.Clean, true, "B"), (record.CurrentState, record.Clean, record.FinalLabel));
        Assert.Equal([typeof(SampleStarted), typeof(GenerationRecorded), typeof(GenerationRecorded), typeof(EmbeddingRecorded)],
            sample.Journal().Select(e => e.GetType()));
        sample.ExpectQuiet();
    }

    [Fact]
    public async Task A_noisy_sample_waits_at_the_first_barrier_passivated_then_retrieves_relabels_reviews_and_waits_for_selection()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();

        sample.DetectNoisy();
        Assert.Equal(SampleStates.AwaitingIndex, sample.StateInJournal());
        sample.ExpectQuiet();

        sample.Release(new IndexReady(run.RunId, Sample));
        var retrieve = sample.ExpectRetrieve();
        Assert.Equal([0.6f, 0.8f], retrieve.Vector);
        Assert.Equal(ShippedDefaults.Config.Method().K, retrieve.K);
        Assert.Equal(SampleStates.Retrieving, sample.StateInJournal());

        sample.AnswerRetrieve(["s2", "s3", "s4"]);
        var context = sample.ExpectGenerate(SampleSteps.Context);
        Assert.True(context.Options.ScoreAlone);
        Assert.Contains(context.Messages, m => m.Content.Contains(run.Run.Sample("s2").Question));
        Assert.Equal(SampleStates.Relabeling, sample.StateInJournal());

        sample.Answer(context, "Answer: A", [-0.5f, -0.25f]);
        var review = sample.ExpectGenerate(SampleSteps.Review);
        Assert.Equal(SampleStates.Reviewing, sample.StateInJournal());

        sample.Answer(review, "Answer: A");
        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((SampleStates.AwaitingSelection, "A"), (record.CurrentState, record.FinalLabel));
        Assert.Equal(["s2", "s3", "s4"], record.Neighbours!);
        Assert.NotNull(record.Entropy);
        sample.ExpectQuiet();
    }

    [Theory]
    [InlineData(true, SampleStates.Selected)]
    [InlineData(false, SampleStates.Dropped)]
    public async Task The_selection_verdict_ends_a_relabeled_sample_selected_or_dropped_and_it_passivates(bool selected, string final)
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        RelabelTo(sample, "Answer: A");

        sample.Release(new SelectionDecided(run.RunId, Sample, Rank: 3, selected, Threshold: 0.7));

        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((final, 3, selected), (record.CurrentState, record.Rank, record.Selected));
        sample.ExpectQuiet();
    }

    [Fact]
    public async Task A_sample_without_a_valid_new_label_ends_unlabeled_at_selection()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        RelabelTo(sample, "Answer: Z");

        sample.Release(new SelectionDecided(run.RunId, Sample, Rank: 1, Selected: true, Threshold: 0.7));

        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((SampleStates.Unlabeled, false), (record.CurrentState, record.Selected));
        Assert.NotNull(record.UnlabeledReason);
    }

    [Theory]
    [InlineData("Answer: N", SampleStates.Clean)]
    [InlineData("Answer: Y", SampleStates.AwaitingIndex)]
    public async Task With_the_llm_checker_a_sample_is_checked_after_reasoning_and_the_verdict_decides_clean_or_noisy(string verdict, string after)
    {
        var method = ShippedDefaults.Config.Method() with { Checker = CheckerRule.Llm };
        await using var run = await EntityTestRun.CreateAsync(method);
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();

        sample.StartSample();
        sample.Answer(sample.ExpectGenerate(SampleSteps.Base), "Answer: B");
        sample.Answer(sample.ExpectGenerate(SampleSteps.Reasoning), "Answer: A");
        var checker = sample.ExpectGenerate(SampleSteps.Checker);
        Assert.Equal(SampleStates.Checking, sample.StateInJournal());

        sample.Answer(checker, verdict);
        sample.AnswerEmbed(sample.ExpectEmbed());

        sample.ExpectPassivation();
        Assert.Equal(after, sample.StateInJournal());
    }

    [Fact]
    public async Task Each_reasoning_round_is_its_own_request_until_the_configured_rounds_are_done()
    {
        var method = ShippedDefaults.Config.Method() with { ReasoningRounds = 2 };
        await using var run = await EntityTestRun.CreateAsync(method);
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();

        sample.StartSample();
        sample.Answer(sample.ExpectGenerate(SampleSteps.Base), "Answer: B");
        var first = sample.ExpectGenerate(SampleSteps.ReasoningRound(1));
        sample.Answer(first, "Answer: B");
        var second = sample.ExpectGenerate(SampleSteps.ReasoningRound(2));
        Assert.NotEqual(first.RequestId, second.RequestId);

        sample.Tell(sample.Completed(first, "Answer: B")); // round 1 again: a duplicate
        sample.ExpectQuiet();
        sample.Answer(second, "Answer: B");
        sample.ExpectEmbed();
    }

    [Theory]
    [InlineData(SampleSteps.Base)]
    [InlineData(SampleSteps.Reasoning)]
    [InlineData(SampleSteps.Context)]
    [InlineData(SampleSteps.Review)]
    public async Task An_error_result_faults_the_sample_with_its_reason_and_it_passivates(string failingStep)
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        GenerateRequest request;
        if (failingStep is SampleSteps.Context or SampleSteps.Review)
        {
            sample.DetectNoisy();
            sample.Release(new IndexReady(run.RunId, Sample));
            sample.ExpectRetrieve();
            sample.AnswerRetrieve(["s2"]);
            request = sample.ExpectGenerate(SampleSteps.Context);
            if (failingStep == SampleSteps.Review)
            {
                sample.Answer(request, "Answer: A");
                request = sample.ExpectGenerate(SampleSteps.Review);
            }
        }
        else
        {
            sample.StartSample();
            request = sample.ExpectGenerate(SampleSteps.Base);
            if (failingStep == SampleSteps.Reasoning)
            {
                sample.Answer(request, "Answer: A");
                request = sample.ExpectGenerate(SampleSteps.Reasoning);
            }
        }

        sample.Answer(request, "", [], error: "prompt too long");

        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((SampleStates.Faulted, $"{failingStep}: prompt too long"), (record.CurrentState, record.FaultReason));
        sample.ExpectQuiet();
    }

    [Fact]
    public async Task An_embedding_or_retrieval_error_faults_the_sample()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var embedding = new EntityDriver(this, run, "s1");
        embedding.Start();
        embedding.StartSample();
        embedding.Answer(embedding.ExpectGenerate(SampleSteps.Base), "Answer: A");
        embedding.Answer(embedding.ExpectGenerate(SampleSteps.Reasoning), "Answer: A");
        embedding.AnswerEmbed(embedding.ExpectEmbed(), [], error: "encoder failed");
        embedding.ExpectPassivation();
        Assert.Equal((SampleStates.Faulted, "embed: encoder failed"), (embedding.RecordInJournal()!.CurrentState, embedding.RecordInJournal()!.FaultReason));

        var retrieval = new EntityDriver(this, run, "s2");
        retrieval.Start();
        retrieval.DetectNoisy();
        retrieval.Release(new IndexReady(run.RunId, "s2"));
        retrieval.ExpectRetrieve();
        retrieval.AnswerRetrieve([], error: "index not built");
        retrieval.ExpectPassivation();
        Assert.Equal(SampleStates.Faulted, retrieval.StateInJournal());
    }

    [Fact]
    public async Task A_finished_sample_ignores_every_message()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        sample.Answer(base_, "", [], error: "model crashed");
        sample.ExpectPassivation();
        var events = sample.Journal().Count;

        sample.StartSample();
        sample.Answer(base_, "Answer: B");
        sample.Tell(new IndexReady(run.RunId, Sample));
        sample.Tell(new SelectionDecided(run.RunId, Sample, 1, true, 0.5));

        sample.ExpectQuiet();
        Assert.Equal(events, sample.Journal().Count);
        Assert.Equal(SampleStates.Faulted, sample.StateInJournal());
    }

    /// <summary>Drives a fresh sample through detection (noisy), the first barrier, retrieval, context and review (both
    /// answering <paramref name="answer"/>) to AwaitingSelection.</summary>
    private static void RelabelTo(EntityDriver sample, string answer)
    {
        sample.DetectNoisy();
        sample.Release(new IndexReady(sample.RunId, sample.SampleId));
        sample.ExpectRetrieve();
        sample.AnswerRetrieve(["s2", "s3", "s4"]);
        sample.Answer(sample.ExpectGenerate(SampleSteps.Context), answer, [-0.5f, -0.25f]);
        sample.Answer(sample.ExpectGenerate(SampleSteps.Review), answer);
        sample.ExpectPassivation();
        Assert.Equal(SampleStates.AwaitingSelection, sample.StateInJournal());
    }
}
