using Akka.Actor;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The coordinator on a real SQLite store and journal: one run actor per submitted, unended run.</summary>
public sealed class CoordinatorActorTests() : JournalTestKit(TestDatabase.CreateSqlite())
{
    [Fact]
    public async Task The_coordinator_drives_a_submitted_run_but_not_an_ingesting_or_ended_one_and_stops_a_run_actor_when_its_run_ends()
    {
        var services = await CoordinationServices.CreateAsync(Db, CoordinationServices.Fast());
        var submitted = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(2));
        var ingesting = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(2), RunPhase.Ingesting);
        var ended = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(2), RunPhase.Completed);
        await services.Runs.MarkEndedAsync(ended);
        var region = CreateTestProbe();

        var coordinator = Sys.ActorOf(CoordinatorActor.Props(services, region.Ref, JournalConfig.ReadJournalPluginId), "coordinator");

        Assert.Equal([(submitted, "s001"), (submitted, "s002")],
            region.ReceiveN(2, Wait).Cast<StartSample>().Select(s => (s.RunId, s.SampleId)).Order());
        region.ExpectNoMsg(TimeSpan.FromSeconds(1));
        var child = await Sys.ActorSelection(coordinator.Path / CoordinatorActor.ChildName(submitted)).ResolveOne(Wait);
        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            Sys.ActorSelection(coordinator.Path / CoordinatorActor.ChildName(ingesting)).ResolveOne(TimeSpan.FromMilliseconds(500)));
        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            Sys.ActorSelection(coordinator.Path / CoordinatorActor.ChildName(ended)).ResolveOne(TimeSpan.FromMilliseconds(500)));

        await services.Runs.AdvancePhaseAsync(ingesting, RunPhase.Detecting); // submit advances the row after ingestion
        Assert.Equal([(ingesting, "s001"), (ingesting, "s002")],
            region.ReceiveN(2, Wait).Cast<StartSample>().Select(s => (s.RunId, s.SampleId)).Order());

        Watch(child);
        await services.Runs.MarkEndedAsync(submitted);
        ExpectTerminated(child, Wait);
    }

    [Fact]
    public async Task A_run_actor_that_crashed_while_its_run_is_unended_is_started_again_and_carries_on_from_its_journal()
    {
        var services = await CoordinationServices.CreateAsync(Db, CoordinationServices.Fast());
        var runId = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(1));
        var region = CreateTestProbe();
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(services, region.Ref, JournalConfig.ReadJournalPluginId), "coordinator");
        region.ExpectMsg<StartSample>(Wait);
        var child = await Sys.ActorSelection(coordinator.Path / CoordinatorActor.ChildName(runId)).ResolveOne(Wait);
        var samples = new JournalSamples(Sys, runId, await services.Catalog.GetAsync(runId));
        await samples.DriveAsync("s001", Samples.SampleStates.Detecting);

        Watch(child);
        child.Tell(Kill.Instance); // it crashes
        ExpectTerminated(child, Wait);

        // The new run actor re-drives the working sample: it continues in Detecting, from its journal.
        Assert.Equal(new StartSample(runId, "s001"), region.ExpectMsg<StartSample>(Wait));
        Assert.NotEqual(child, await Sys.ActorSelection(coordinator.Path / CoordinatorActor.ChildName(runId)).ResolveOne(Wait));
        Assert.Equal(RunPhase.Detecting, (await services.Runs.GetAsync(runId))!.Phase);
    }

    [Fact]
    public async Task A_run_submitted_in_the_coordinator_s_own_process_is_driven_at_once_not_at_the_next_poll()
    {
        var services = await CoordinationServices.CreateAsync(Db, CoordinationServices.Fast());
        var runId = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(1), RunPhase.Ingesting);
        var region = CreateTestProbe();
        // Its first listing (at start) finds the run still ingesting; the next poll is an hour away.
        Sys.ActorOf(CoordinatorActor.Props(services, region.Ref, JournalConfig.ReadJournalPluginId, tick: TimeSpan.FromHours(1)), "coordinator");
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        await services.Runs.AdvancePhaseAsync(runId, RunPhase.Detecting); // what `run` does after ingesting
        services.Signals.Submitted(runId);

        Assert.Equal(new StartSample(runId, "s001"), region.ExpectMsg<StartSample>(Wait));
    }

    [Theory]
    [InlineData("arc-2026-11-29")]
    [InlineData("run with spaces/and%signs:é")]
    public void Every_run_id_gives_a_valid_run_actor_name(string runId) =>
        Assert.True(ActorPath.IsValidPathElement(CoordinatorActor.ChildName(runId)), CoordinatorActor.ChildName(runId));
}
