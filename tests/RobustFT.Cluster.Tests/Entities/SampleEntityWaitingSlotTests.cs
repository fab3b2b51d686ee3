using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Entities at a barrier stay in memory while their node has a free waiting slot
/// (<c>robustft.cluster.waiting-entities-per-node</c>) and passivate beyond it; a live waiting entity takes the barrier's
/// message itself, without a recovery, and gives its slot back when it moves on or stops.</summary>
public sealed class SampleEntityWaitingSlotTests() : TestKit(EntityConfig.InMemory)
{
    [Fact]
    public async Task A_noisy_sample_keeps_a_free_waiting_slot_at_the_barrier_and_takes_the_release_without_a_recovery()
    {
        await using var run = await EntityTestRun.CreateAsync(waitingPerNode: 1);
        var kept = new EntityDriver(this, run, "s1");
        kept.Start();
        kept.ReachAwaitingIndex();
        kept.ExpectQuiet(); // no Passivate: it waits in memory
        Assert.Equal(SampleStates.AwaitingIndex, kept.StateInJournal());
        Assert.Equal(1, run.Services.WaitingSlots.Taken);

        var beyond = new EntityDriver(this, run, "s2");
        beyond.Start();
        beyond.DetectNoisy(); // the only slot is taken: this one passivates
        Assert.Equal(1, run.Services.WaitingSlots.Taken);

        kept.Tell(new IndexReady(run.RunId, "s1")); // the same incarnation: ExpectRetrieve checks the sender
        kept.ExpectRetrieve();
        Assert.Equal(0, run.Services.WaitingSlots.Taken);
        Assert.Equal(SampleStates.Retrieving, kept.StateInJournal());
    }

    [Fact]
    public async Task A_sample_waiting_for_selection_keeps_a_slot_and_a_finished_one_never_holds_one()
    {
        await using var run = await EntityTestRun.CreateAsync(waitingPerNode: 5);
        var sample = new EntityDriver(this, run, "s1");
        sample.Start();
        sample.ReachAwaitingIndex();
        sample.Tell(new IndexReady(run.RunId, "s1"));
        sample.ExpectRetrieve();
        sample.AnswerRetrieve(["s2"]);
        sample.Answer(sample.ExpectGenerate(SampleSteps.Context), "Answer: B");
        sample.Answer(sample.ExpectGenerate(SampleSteps.Review), "Answer: B");
        sample.ExpectQuiet();
        Assert.Equal(SampleStates.AwaitingSelection, sample.StateInJournal());
        Assert.Equal(1, run.Services.WaitingSlots.Taken);

        sample.Tell(new SelectionDecided(run.RunId, "s1", Rank: 1, Selected: true, Threshold: 0.5));
        sample.ExpectPassivation();
        Assert.Equal(SampleStates.Selected, sample.StateInJournal());
        Assert.Equal(0, run.Services.WaitingSlots.Taken);
    }

    [Fact]
    public async Task A_waiting_entity_that_stops_gives_its_slot_back_and_recovers_waiting()
    {
        await using var run = await EntityTestRun.CreateAsync(waitingPerNode: 1);
        var sample = new EntityDriver(this, run, "s1");
        sample.Start();
        sample.ReachAwaitingIndex();
        sample.ExpectQuiet();
        Assert.Equal(1, run.Services.WaitingSlots.Taken);

        sample.Stop(); // the shard's idle passivation, a rebalance or a node leaving
        Assert.Equal(0, run.Services.WaitingSlots.Taken);

        sample.Release(new IndexReady(run.RunId, "s1"));
        sample.ExpectRetrieve();
        Assert.Equal(0, run.Services.WaitingSlots.Taken);
    }

    [Fact]
    public void Slots_are_never_taken_beyond_the_limit_by_concurrent_entities()
    {
        var slots = new WaitingEntitySlots();
        var taken = 0;
        Parallel.For(0, 10_000, _ =>
        {
            if (slots.TryTake(100)) Interlocked.Increment(ref taken);
        });
        Assert.Equal((100, 100), (taken, slots.Taken));
        slots.Return();
        Assert.True(slots.TryTake(100));
        Assert.False(slots.TryTake(0));
    }
}
