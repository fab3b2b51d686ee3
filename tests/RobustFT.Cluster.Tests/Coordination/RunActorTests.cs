using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Core.Method;
using RobustFT.Core.Reports;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The run actor on a real SQLite journal and read model: a test probe stands in for the sample region, and the
/// test plays the sample entities by writing their events to the journal, which the run actor's projection reads.</summary>
public sealed class RunActorTests() : JournalTestKit(TestDatabase.CreateSqlite())
{
    [Fact]
    public async Task Waves_start_samples_in_input_order_and_never_have_more_than_MaxLiveSamples_live()
    {
        var run = await StartAsync(10, CoordinationServices.Fast(maxLiveSamples: 3));
        var started = new List<string>();
        var live = new List<string>();
        while (started.Count < 10)
        {
            var start = run.Region.ExpectMsg<StartSample>(Wait);
            Assert.DoesNotContain(start.SampleId, started);
            started.Add(start.SampleId);
            live.Add(start.SampleId);
            Assert.True(live.Count <= 3, $"{live.Count} samples live: {string.Join(", ", live)}");
            await run.Samples.DriveAsync(start.SampleId, SampleStates.Detecting);
            if (live.Count < 3) continue;
            if (started.Count == 3) run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(800)); // a full wave: nothing more starts
            var done = live[0];
            live.RemoveAt(0);
            var noisy = started.IndexOf(done) % 2 == 1;
            await run.Samples.DriveAsync(done, noisy ? SampleStates.AwaitingIndex : SampleStates.Clean, noisy);
        }
        Assert.Equal(CoordinationServices.Samples(10).Select(s => s.Id), started);
    }

    [Fact]
    public async Task The_first_barrier_waits_for_every_sample_then_sends_IndexReady_to_exactly_the_samples_awaiting_the_index()
    {
        var run = await StartAsync(4);
        Assert.Equal(["s001", "s002", "s003", "s004"], run.Region.ReceiveN(4, Wait).Cast<StartSample>().Select(s => s.SampleId).Order());
        await run.Samples.DriveAsync("s001", SampleStates.Clean);
        await run.Samples.DriveAsync("s002", SampleStates.AwaitingIndex, noisy: true);
        await run.Samples.DriveAsync("s003", SampleStates.AwaitingIndex, noisy: true);
        await run.Samples.DriveAsync("s004", SampleStates.Reasoning);

        run.Region.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(RunPhase.Detecting, (await run.Services.Runs.GetAsync(run.RunId))!.Phase);

        await run.Samples.DriveAsync("s004", SampleStates.Clean);
        Assert.Equal(["s002", "s003"], run.Region.ReceiveN(2, Wait).Cast<IndexReady>().Select(m => m.SampleId).Order());
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(RunPhase.Retrieving, await PhaseAsync(run, RunPhase.Retrieving));
    }

    [Fact]
    public async Task The_second_barrier_ranks_the_lowest_entropies_ties_by_id_and_a_restarted_actor_repeats_the_same_verdicts_to_the_samples_still_waiting()
    {
        var method = ShippedDefaults.Config.Method() with { Beta = 0.75 };
        var run = await StartAsync(6, method: method);
        var entropies = new Dictionary<string, double> { ["s001"] = 0.5, ["s002"] = 0.2, ["s003"] = 0.2, ["s004"] = 0.9, ["s005"] = 0.1 };
        run.Region.ReceiveN(6, Wait);
        await run.Samples.DriveAsync("s006", SampleStates.Clean);
        foreach (var id in entropies.Keys) await run.Samples.DriveAsync(id, SampleStates.AwaitingIndex, noisy: true);
        run.Region.ReceiveN(5, Wait).Cast<IndexReady>().ToList();
        foreach (var (id, entropy) in entropies.Where(kv => kv.Key != "s005"))
            await run.Samples.DriveAsync(id, SampleStates.AwaitingSelection, noisy: true, entropy);
        run.Region.ExpectNoMsg(TimeSpan.FromSeconds(1)); // s005 is still retrieving: no ranking yet
        await run.Samples.DriveAsync("s005", SampleStates.AwaitingSelection, noisy: true, entropies["s005"]);

        var expected = new Dictionary<string, (int Rank, bool Selected, double Threshold)>
        {
            ["s005"] = (1, true, 0.5), ["s002"] = (2, true, 0.5), ["s003"] = (3, true, 0.5), ["s001"] = (4, false, 0.5), ["s004"] = (5, false, 0.5),
        };
        var verdicts = Verdicts(run.Region.ReceiveN(5, Wait));
        Assert.Equal(expected, verdicts);
        Assert.Equal((RunPhase.Selecting, 0.5), await Eventually.ReadAsync(async () =>
        {
            var row = (await run.Services.Runs.GetAsync(run.RunId))!;
            return (row.Phase, row.Threshold ?? double.NaN);
        }, r => r == (RunPhase.Selecting, 0.5)));

        foreach (var id in new[] { "s005", "s002" })
            await run.Samples.WriteAsync(id, new SelectionRecorded(verdicts[id].Rank, verdicts[id].Selected, verdicts[id].Threshold));
        await RestartAsync(run);
        var repeated = Verdicts(run.Region.ReceiveN(3, Wait));
        Assert.Equal(expected.Where(kv => kv.Key is "s001" or "s003" or "s004").ToDictionary(), repeated);

        Watch(run.Actor);
        foreach (var id in repeated.Keys)
            await run.Samples.WriteAsync(id, new SelectionRecorded(repeated[id].Rank, repeated[id].Selected, repeated[id].Threshold));
        ExpectTerminated(run.Actor, Wait);
        var final = (await run.Services.Runs.GetAsync(run.RunId))!;
        Assert.Equal((RunPhase.Completed, true, 0.5), (final.Phase, final.Ended, final.Threshold));
        Assert.True(File.Exists(Path.Combine(final.Settings.OutputDirectory, RunReport.FileName)));
        Assert.Equal(
            [nameof(RunPhase.Detecting), nameof(RunPhase.Retrieving), nameof(RunPhase.Selecting), "threshold 0.5", nameof(RunPhase.Exporting), nameof(RunPhase.Completed)],
            await JournalAsync(run.RunId));
    }

    [Fact]
    public async Task A_restarted_run_actor_keeps_its_phase_re_drives_working_samples_and_repeats_IndexReady_only_to_samples_still_waiting()
    {
        var run = await StartAsync(3);
        run.Region.ReceiveN(3, Wait);
        await run.Samples.DriveAsync("s001", SampleStates.Clean);
        await run.Samples.DriveAsync("s002", SampleStates.AwaitingIndex, noisy: true);
        await run.Samples.DriveAsync("s003", SampleStates.AwaitingIndex, noisy: true);
        run.Region.ReceiveN(2, Wait);
        await run.Samples.DriveAsync("s002", SampleStates.Retrieving, noisy: true);

        await RestartAsync(run);
        var messages = run.Region.ReceiveN(2, Wait).Select(m => $"{m.GetType().Name} {((ISampleCommand)m).SampleId}").Order();
        Assert.Equal(["IndexReady s003", "StartSample s002"], messages);
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
        Assert.Equal(RunPhase.Retrieving, (await run.Services.Runs.GetAsync(run.RunId))!.Phase);
        Assert.Equal([nameof(RunPhase.Detecting), nameof(RunPhase.Retrieving)], await JournalAsync(run.RunId));
    }

    [Fact]
    public async Task Working_samples_get_StartSample_again_after_no_progress_for_RedriveAfter()
    {
        var run = await StartAsync(2, CoordinationServices.Fast(redriveAfter: TimeSpan.FromMilliseconds(1500)));
        run.Region.ReceiveN(2, Wait);
        await run.Samples.DriveAsync("s001", SampleStates.Detecting);
        await run.Samples.DriveAsync("s002", SampleStates.Reasoning);
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(700));
        Assert.Equal(["s001", "s002"], run.Region.ReceiveN(2, Wait).Cast<StartSample>().Select(s => s.SampleId).Order());
    }

    [Fact]
    public async Task Cancelling_a_run_waits_for_working_samples_then_exports_what_is_finished_marked_partial_and_ends_it()
    {
        var run = await StartAsync(3);
        run.Region.ReceiveN(3, Wait);
        await run.Samples.DriveAsync("s001", SampleStates.Clean);
        await run.Samples.DriveAsync("s002", SampleStates.AwaitingIndex, noisy: true);
        await run.Samples.DriveAsync("s003", SampleStates.Reasoning);
        Watch(run.Actor);

        Assert.True(await run.Services.Runs.CancelAsync(run.RunId, "stopped by test"));
        await Task.Delay(1000);
        Assert.False((await run.Services.Runs.GetAsync(run.RunId))!.Ended); // s003 still works

        await run.Samples.FaultAsync("s003"); // what a cancelled run's worker answers
        ExpectTerminated(run.Actor, Wait);
        var final = (await run.Services.Runs.GetAsync(run.RunId))!;
        Assert.Equal((RunPhase.Cancelled, "stopped by test", true), (final.Phase, final.Message, final.Ended));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(final.Settings.OutputDirectory, RunReport.FileName)));
        Assert.True(report.RootElement.GetProperty("partial").GetBoolean());
        Assert.Equal(1, report.RootElement.GetProperty("exported").GetInt32());
        Assert.Equal([nameof(RunPhase.Detecting), nameof(RunPhase.Cancelled)], await JournalAsync(run.RunId));
    }

    [Fact]
    public async Task An_export_that_throws_fails_the_run_with_its_message_and_ends_it()
    {
        var blocked = Path.Combine(Path.GetTempPath(), "robustft-tests", "blocked-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        await File.WriteAllTextAsync(blocked, "a file where the output directory should be");
        var run = await StartAsync(1, outputDirectory: blocked);
        run.Region.ExpectMsg<StartSample>(Wait);
        Watch(run.Actor);
        await run.Samples.DriveAsync("s001", SampleStates.Clean);

        ExpectTerminated(run.Actor, Wait);
        var final = (await run.Services.Runs.GetAsync(run.RunId))!;
        Assert.Equal((RunPhase.Failed, true), (final.Phase, final.Ended));
        Assert.StartsWith("Exporting: ", final.Message);
        File.Delete(blocked);
    }

    [Fact]
    public async Task Starts_IndexReady_and_verdicts_go_out_at_most_ReleasePerLook_per_look_and_every_sample_gets_each_of_its_messages_once()
    {
        var looks = new LookLog();
        var run = await StartAsync(11, CoordinationServices.Fast(releasePerLook: 3), method: ShippedDefaults.Config.Method() with { Beta = 0.5 }, looks: looks);
        var all = CoordinationServices.Samples(11).Select(s => s.Id).ToList();
        var noisy = all.Skip(1).ToList();

        Assert.Equal(all, run.Region.ReceiveN(11, Wait).Cast<StartSample>().Select(m => m.SampleId).Order());
        await run.Samples.DriveAsync("s001", SampleStates.Clean);
        foreach (var id in noisy) await run.Samples.DriveAsync(id, SampleStates.AwaitingIndex, noisy: true);
        Assert.Equal(noisy, run.Region.ReceiveN(10, Wait).Cast<IndexReady>().Select(m => m.SampleId).Order());
        foreach (var (id, i) in noisy.Select((id, i) => (id, i)))
            await run.Samples.DriveAsync(id, SampleStates.AwaitingSelection, noisy: true, entropy: 0.1 * (i + 1));
        Assert.Equal(noisy, run.Region.ReceiveN(10, Wait).Cast<SelectionDecided>().Select(m => m.SampleId).Order());
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        var perLook = looks.SentPerLook;
        Assert.All(perLook, sent => Assert.InRange(sent, 1, 3));
        Assert.Equal(31, perLook.Sum());
        Assert.True(perLook.Count >= 4 + 4 + 4, $"{perLook.Count} looks sent the 31 messages: {string.Join(", ", perLook)}");
    }

    [Fact]
    public async Task IndexReady_counts_as_live_so_a_barrier_never_has_more_than_MaxLiveSamples_released_and_not_yet_retrieving()
    {
        var run = await StartAsync(9, CoordinationServices.Fast(maxLiveSamples: 4, releasePerLook: 3));
        var started = new List<string>();
        while (started.Count < 9)
        {
            var id = run.Region.ExpectMsg<StartSample>(Wait).SampleId;
            started.Add(id);
            await run.Samples.DriveAsync(id, id == "s001" ? SampleStates.Clean : SampleStates.AwaitingIndex, noisy: id != "s001");
        }

        var released = run.Region.ReceiveN(4, Wait).Cast<IndexReady>().Select(m => m.SampleId).ToList();
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(800)); // four released, none retrieving yet: no room
        await run.Samples.DriveAsync(released[0], SampleStates.Retrieving, noisy: true);
        await run.Samples.DriveAsync(released[1], SampleStates.AwaitingSelection, noisy: true);
        var next = run.Region.ReceiveN(1, Wait).Cast<IndexReady>().Select(m => m.SampleId).ToList(); // one left the waves
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
        Assert.Empty(released.Intersect(next));
    }

    [Fact]
    public async Task A_restarted_run_actor_re_drives_its_working_samples_at_most_ReleasePerLook_per_look()
    {
        var looks = new LookLog();
        var run = await StartAsync(7, CoordinationServices.Fast(releasePerLook: 2), looks: looks);
        run.Region.ReceiveN(7, Wait);
        foreach (var id in CoordinationServices.Samples(7).Select(s => s.Id)) await run.Samples.DriveAsync(id, SampleStates.Reasoning);
        var before = looks.SentPerLook.Count;

        await RestartAsync(run);
        Assert.Equal(CoordinationServices.Samples(7).Select(s => s.Id), run.Region.ReceiveN(7, Wait).Cast<StartSample>().Select(m => m.SampleId).Order());
        run.Region.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var redrive = looks.SentPerLook.Skip(before).ToList();
        Assert.Equal([2, 2, 2, 1], redrive);
    }

    [Fact]
    public async Task A_barrier_message_whose_sample_did_not_move_for_ResendAfter_is_sent_again_and_one_whose_sample_moved_is_not()
    {
        var run = await StartAsync(3, CoordinationServices.Fast(resendAfter: TimeSpan.FromSeconds(3)));
        run.Region.ReceiveN(3, Wait);
        await run.Samples.DriveAsync("s001", SampleStates.Clean);
        await run.Samples.DriveAsync("s002", SampleStates.AwaitingIndex, noisy: true);
        await run.Samples.DriveAsync("s003", SampleStates.AwaitingIndex, noisy: true);
        Assert.Equal(["s002", "s003"], run.Region.ReceiveN(2, Wait).Cast<IndexReady>().Select(m => m.SampleId).Order());
        await run.Samples.DriveAsync("s002", SampleStates.Retrieving, noisy: true); // s003's entity lost its IndexReady

        Assert.Equal(["s003", "s003"], run.Region.ReceiveN(2, Wait).Cast<IndexReady>().Select(m => m.SampleId));
        await run.Samples.DriveAsync("s003", SampleStates.Retrieving, noisy: true);
        run.Region.ExpectNoMsg(TimeSpan.FromSeconds(4));
    }

    private sealed record StartedRun(RuntimeServices Services, string RunId, JournalSamples Samples, TestProbe Region)
    {
        public IActorRef Actor { get; set; } = ActorRefs.Nobody;
    }

    private async Task<StartedRun> StartAsync(int samples, CoordinatorOptions? options = null, MethodOptions? method = null, string? outputDirectory = null,
        LookLog? looks = null)
    {
        var services = await CoordinationServices.CreateAsync(Db, options ?? CoordinationServices.Fast(), looks);
        var runId = await CoordinationServices.SubmitAsync(services, CoordinationServices.Samples(samples), method: method, outputDirectory: outputDirectory);
        var run = new StartedRun(services, runId, new JournalSamples(Sys, runId, await services.Catalog.GetAsync(runId)), CreateTestProbe());
        run.Actor = Sys.ActorOf(RunActor.Props(services, runId, run.Region.Ref, JournalConfig.ReadJournalPluginId));
        return run;
    }

    /// <summary>Stops the run actor and starts a new one on the same journal (a restart, as after a crash).</summary>
    private async Task RestartAsync(StartedRun run)
    {
        await run.Samples.ProjectedAsync(run.Services.Samples);
        Watch(run.Actor);
        Sys.Stop(run.Actor);
        ExpectTerminated(run.Actor, Wait);
        await Task.Delay(200);
        run.Actor = Sys.ActorOf(RunActor.Props(run.Services, run.RunId, run.Region.Ref, JournalConfig.ReadJournalPluginId));
    }

    private static async Task<RunPhase> PhaseAsync(StartedRun run, RunPhase phase) =>
        (await Eventually.ReadAsync(() => run.Services.Runs.GetAsync(run.RunId), r => r!.Phase == phase))!.Phase;

    private static Dictionary<string, (int Rank, bool Selected, double Threshold)> Verdicts(IEnumerable<object> messages) =>
        messages.Cast<SelectionDecided>().ToDictionary(d => d.SampleId, d => (d.Rank, d.Selected, d.Threshold));

    /// <summary>The run actor's persisted events, in order.</summary>
    private async Task<IReadOnlyList<string>> JournalAsync(string runId)
    {
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(JournalConfig.ReadJournalPluginId);
        var events = await journal.CurrentEventsByPersistenceId(RunActor.PersistenceIdOf(runId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());
        return events.Select(e => e.Event switch
        {
            RunPhaseAdvanced p => p.Phase.ToString(),
            ThresholdDecided t => $"threshold {t.Threshold}",
            var other => other.GetType().Name,
        }).ToList();
    }
}
