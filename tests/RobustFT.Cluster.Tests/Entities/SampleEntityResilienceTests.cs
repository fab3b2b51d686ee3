using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>What keeps a sample correct when messages and processes misbehave: duplicate, late and out-of-order results
/// are ignored (no event, no request); a restarted entity recovers its state from the journal and sends the outstanding
/// request again (same id); a request without a result is re-sent after the timeout; StartSample re-drives a started
/// entity; a run that cannot be loaded stops the entity without touching its journal.</summary>
public sealed class SampleEntityResilienceTests() : TestKit(EntityConfig.InMemory)
{
    private const string Sample = "s1";

    [Fact]
    public async Task A_duplicate_result_of_the_step_just_recorded_persists_nothing_and_sends_nothing()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        sample.Answer(base_, "Answer: B");
        var reasoning = sample.ExpectGenerate(SampleSteps.Reasoning);
        var events = sample.Journal().Count;

        sample.Answer(base_, "Answer: C");

        sample.ExpectQuiet();
        Assert.Equal(events, sample.Journal().Count);
        Assert.Equal("B", sample.RecordInJournal()!.BaseAnswer);
        sample.Answer(reasoning, "Answer: B");
        sample.ExpectEmbed();
    }

    [Fact]
    public async Task Late_results_of_earlier_steps_and_out_of_order_messages_are_ignored_in_every_working_state()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        var early = new EmbedCompleted($"{run.RunId}/{Sample}/embed", run.RunId, Sample, [1f], false, null);
        var reviewTooEarly = new GenerateCompleted($"{run.RunId}/{Sample}/review", run.RunId, Sample, SampleSteps.Review, "Answer: A", [-1f], false, null);

        // Detecting: results of later steps and both barriers arrive too early.
        AssertIgnored(sample, early, reviewTooEarly, new IndexReady(run.RunId, Sample), new SelectionDecided(run.RunId, Sample, 1, true, 0.5),
            new RetrieveCompleted(run.RunId, Sample, ["s2"], null));
        Assert.Equal(SampleStates.Detecting, sample.StateInJournal());

        sample.Answer(base_, "Answer: A");
        var reasoning = sample.ExpectGenerate(SampleSteps.Reasoning);
        sample.Answer(reasoning, "Answer: A");
        var embed = sample.ExpectEmbed();

        // Embedding: late generations.
        AssertIgnored(sample, sample.Completed(base_, "Answer: B"), sample.Completed(reasoning, "Answer: B"), reviewTooEarly);
        sample.AnswerEmbed(embed);
        sample.ExpectPassivation();

        // AwaitingIndex: a late embedding, a selection before the first barrier released it.
        AssertIgnored(sample, new EmbedCompleted(embed.RequestId, run.RunId, Sample, [0f, 1f], false, null), new SelectionDecided(run.RunId, Sample, 1, true, 0.5));

        sample.Release(new IndexReady(run.RunId, Sample));
        sample.ExpectRetrieve();

        // Retrieving: IndexReady again (the coordinator repeats barriers), a late embedding.
        AssertIgnored(sample, new IndexReady(run.RunId, Sample), new EmbedCompleted(embed.RequestId, run.RunId, Sample, [0f, 1f], false, null));

        sample.AnswerRetrieve(["s2", "s3"]);
        var context = sample.ExpectGenerate(SampleSteps.Context);

        // Relabeling: the retrieval again (a duplicate), a review result before its request.
        AssertIgnored(sample, new RetrieveCompleted(run.RunId, Sample, ["s4"], null), reviewTooEarly);
        Assert.Equal(["s2", "s3"], sample.RecordInJournal()!.Neighbours!);

        sample.Answer(context, "Answer: A");
        sample.ExpectGenerate(SampleSteps.Review);
    }

    [Fact]
    public async Task A_restarted_entity_recovers_its_state_from_the_journal_and_sends_the_outstanding_request_again()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        sample.Answer(base_, "Answer: A");
        var before = sample.ExpectGenerate(SampleSteps.Reasoning);

        sample.Stop();
        sample.Start();

        var again = sample.ExpectGenerate(SampleSteps.Reasoning);
        EntityDriver.AssertSameRequest(before, again);
        sample.ExpectQuiet();
        // The recovered state carries on: a late base result is ignored, the outstanding request's result answers it.
        AssertIgnored(sample, sample.Completed(base_, "Answer: B"));
        sample.Answer(again, "Answer: A");
        sample.AnswerEmbed(sample.ExpectEmbed());
        sample.ExpectPassivation();
        var record = sample.RecordInJournal()!;
        Assert.Equal((SampleStates.AwaitingIndex, "A", 1), (record.CurrentState, record.BaseAnswer, record.ReasoningResponses.Count));
    }

    [Fact]
    public async Task A_result_sent_to_the_entity_before_it_recovered_is_applied_after_recovery()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var base_ = sample.ExpectGenerate(SampleSteps.Base);
        sample.Stop();

        sample.Start();
        sample.Answer(base_, "Answer: B"); // stashed until the run context is loaded

        sample.ExpectGenerate(SampleSteps.Base); // the outstanding request, re-sent on recovery
        sample.ExpectGenerate(SampleSteps.Reasoning);
        Assert.Equal(SampleStates.Reasoning, sample.StateInJournal());
    }

    [Fact]
    public async Task An_entity_restarted_at_a_barrier_sends_nothing_and_passivates_again_then_follows_the_barrier()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy();
        sample.Stop();

        sample.Start();

        sample.ExpectPassivation();
        sample.ExpectQuiet();
        sample.Release(new IndexReady(run.RunId, Sample));
        Assert.Equal([0.6f, 0.8f], sample.ExpectRetrieve().Vector);
    }

    [Fact]
    public async Task A_barrier_message_that_reaches_a_passivating_entity_is_handed_back_to_the_shard_unprocessed()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy(); // passivation requested; the shard's PoisonPill has not arrived yet
        var events = sample.Journal().Count;

        var release = new IndexReady(run.RunId, Sample);
        sample.Tell(release);

        Assert.Equal(release, sample.Parent.ExpectMsg<IndexReady>());
        sample.ExpectQuiet();
        Assert.Equal(events, sample.Journal().Count);
    }

    [Fact]
    public async Task A_barrier_message_that_starts_a_passivated_entity_moves_it_on_at_once_or_once_the_shard_restarts_it_with_the_handed_back_message()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy();
        sample.Stop();

        sample.StartWithBarrier(new IndexReady(run.RunId, Sample));

        sample.ExpectRetrieve();
        sample.Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(SampleStates.Retrieving, sample.StateInJournal());
    }

    [Fact]
    public async Task A_request_without_a_result_is_sent_again_after_the_request_timeout_with_the_same_id()
    {
        await using var run = await EntityTestRun.CreateAsync(requestTimeout: TimeSpan.FromMilliseconds(400));
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var first = sample.ExpectGenerate(SampleSteps.Base);

        var retry = sample.ExpectGenerate(SampleSteps.Base);
        EntityDriver.AssertSameRequest(first, retry);
        var retryAgain = sample.ExpectGenerate(SampleSteps.Base);
        EntityDriver.AssertSameRequest(first, retryAgain);
        Assert.Single(sample.Journal());

        // Once the result is in, the timer re-sends the next step's request, never the answered one again.
        sample.Answer(first, "Answer: B");
        sample.ExpectGenerate(SampleSteps.Reasoning);
        sample.ExpectGenerate(SampleSteps.Reasoning);
    }

    [Fact]
    public async Task A_retrieval_without_an_answer_is_sent_again_after_the_request_timeout()
    {
        await using var run = await EntityTestRun.CreateAsync(requestTimeout: TimeSpan.FromMilliseconds(400));
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy();
        sample.Release(new IndexReady(run.RunId, Sample));

        var first = sample.ExpectRetrieve();
        var retry = sample.ExpectRetrieve();

        Assert.Equal(first.Vector.ToArray(), retry.Vector.ToArray());
        Assert.Equal(first.K, retry.K);
    }

    [Fact]
    public async Task A_waiting_entity_has_no_request_timer()
    {
        await using var run = await EntityTestRun.CreateAsync(requestTimeout: TimeSpan.FromMilliseconds(200));
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy();

        sample.ExpectQuiet(800);
    }

    [Fact]
    public async Task StartSample_to_a_started_entity_sends_the_current_request_again_and_persists_nothing()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.StartSample();
        var first = sample.ExpectGenerate(SampleSteps.Base);

        sample.StartSample();

        EntityDriver.AssertSameRequest(first, sample.ExpectGenerate(SampleSteps.Base));
        Assert.Single(sample.Journal());
    }

    [Fact]
    public async Task StartSample_to_a_waiting_entity_sends_nothing()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.Start();
        sample.DetectNoisy();
        var events = sample.Journal().Count;

        sample.StartSample();

        sample.ExpectQuiet();
        Assert.Equal(events, sample.Journal().Count);
    }

    [Fact]
    public async Task Messages_for_a_sample_that_never_started_are_ignored_and_the_entity_they_started_passivates()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.StartWith(new IndexReady(run.RunId, Sample));

        sample.Tell(new GenerateCompleted($"{run.RunId}/{Sample}/base", run.RunId, Sample, SampleSteps.Base, "Answer: B", [-1f], false, null));

        sample.ExpectPassivation();
        sample.ExpectQuiet();
        Assert.Empty(sample.Journal());
    }

    [Fact]
    public async Task StartSample_queued_behind_a_stray_message_starts_the_sample_instead_of_passivating_it()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        sample.StartWith(new IndexReady(run.RunId, Sample), new StartSample(run.RunId, Sample));

        sample.ExpectGenerate(SampleSteps.Base);
        sample.Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task An_entity_whose_run_cannot_be_loaded_stops_without_persisting_or_faulting_the_sample()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, Sample);
        var entity = sample.Start(runId: "no-such-run");
        Watch(entity);

        sample.StartSample();

        ExpectTerminated(entity);
        sample.ExpectQuiet();
        var probe = CreateTestProbe();
        Sys.ActorOf(Akka.Actor.Props.Create(() => new JournalReader(SampleEntityId.PersistenceId("no-such-run", Sample), probe.Ref)));
        Assert.Empty(probe.ExpectMsg<RecoveredEvents>().Events);
    }

    [Fact]
    public async Task An_entity_for_a_sample_the_run_does_not_have_stops_without_persisting()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var sample = new EntityDriver(this, run, "not-in-the-input");
        var entity = sample.Start();
        Watch(entity);

        sample.StartSample();

        ExpectTerminated(entity);
        sample.ExpectQuiet();
        Assert.Empty(sample.Journal());
    }

    private static void AssertIgnored(EntityDriver sample, params ISampleCommand[] messages)
    {
        var events = sample.Journal().Count;
        foreach (var message in messages) sample.Tell(message);
        sample.ExpectQuiet();
        Assert.Equal(events, sample.Journal().Count);
    }
}
