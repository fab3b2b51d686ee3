using System.Globalization;
using RobustFT.Bench.Scaling;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Testing.Data;
using RobustFT.Testing.Servers;

namespace RobustFT.Bench.Failover;

/// <summary>
/// Failover on the Akka.NET runtime (bench/RESULTS.md, "Failover on the Akka.NET runtime"; docs/operations.md): a
/// private PostgreSQL server, three real node processes (<see cref="FailoverCluster"/>), a submitted run of arc
/// noisy30 slowed by the scripted backend's delay per batch; once detection is under way the node holding the
/// coordinator singleton (the oldest, A) gets kill -9 (scenario <c>kill</c>) or SIGTERM (<c>term</c>), and the bench
/// records, from the survivors' logs (stamped as each line arrives), their member view and the read model (polled
/// every 200 ms) and the journal, how long each step of the failover took, then checks the exports against an
/// uninterrupted embedded run of the same input.
/// </summary>
public static class FailoverBench
{
    private const string RunId = "failover";

    public static async Task<int> RunAsync(string[] args)
    {
        FailoverOptions options;
        try
        {
            options = FailoverOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(FailoverOptions.Usage);
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), $"robustft-failover-{Guid.NewGuid():N}");
        Console.WriteLine($"cores {Environment.ProcessorCount}, load average {CpuSnapshot.LoadAverage()}, {options.Samples} arc noisy30 samples, " +
                          $"{options.DelayMs} ms per model batch, max batch {options.MaxBatch}, stable-after {options.StableAfter ?? "shipped"}, logs in {work}");
        var results = new List<FailoverMeasurement>();
        await using (var postgres = await PostgresServer.StartNewAsync())
        {
            var data = BenchDataset.Write(SharedData.File("arc", "noisy30.csv"), SharedData.File("arc", "labeled.csv"), options.Samples, Path.Combine(work, "data"));
            var settings = new List<string> { $"robustft.inference.batching.max-batch-size={options.MaxBatch}" };
            settings.AddRange(options.Settings);
            var baseline = options.CompareExports ? await BaselineAsync(data, settings, Path.Combine(work, "baseline")) : null;
            var host = new FailoverHost(data.GoldPath, options.DelayMs);
            for (var repeat = 1; repeat <= options.Repeats; repeat++)
            {
                foreach (var scenario in options.Scenarios)
                {
                    var m = await MeasureAsync(postgres, host, data, settings, baseline, options, scenario, repeat, Path.Combine(work, $"{scenario}-{repeat}"));
                    results.Add(m);
                    Console.WriteLine(Row(m));
                }
            }
        }
        Console.WriteLine();
        Summary(results);
        if (options.JsonPath is { } json)
            await File.WriteAllTextAsync(json, System.Text.Json.JsonSerializer.Serialize(results, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return results.All(r => r.Completed is not null && r.ExportsEqual is not false) ? 0 : 1;
    }

    /// <summary>An embedded <c>robustft run</c> of the same input, run id and settings, without the delay.</summary>
    private static async Task<string> BaselineAsync(BenchDataset data, IReadOnlyList<string> settings, string output)
    {
        var args = new List<string> { "run", "--input", data.InputPath, "--task", "arc", "--output", output, "--gold", data.GoldPath, "--run-id", RunId };
        foreach (var s in settings) args.AddRange(["--set", s]);
        using var run = new FailoverHost(data.GoldPath, 0).Start("baseline", args, output + ".log");
        var code = await run.WaitForExitAsync(TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"the uninterrupted baseline run failed ({code}):\n{run.Tail()}");
        Console.WriteLine($"baseline: uninterrupted embedded run in {output}");
        return output;
    }

    private static async Task<FailoverMeasurement> MeasureAsync(PostgresServer postgres, FailoverHost host, BenchDataset data, IReadOnlyList<string> settings,
        string? baseline, FailoverOptions options, string scenario, int repeat, string directory)
    {
        var (stopped, survivors) = (FailoverCluster.NodeIds[0], FailoverCluster.NodeIds.Skip(1).ToList());
        await using var cluster = await FailoverCluster.CreateAsync(postgres, $"failover_{scenario}_{repeat}_{Guid.NewGuid():N}"[..40], directory, host, options);
        await cluster.StartNodesAsync(settings);
        var loadBefore = CpuSnapshot.LoadAverage();
        var output = Path.Combine(directory, "out");
        var submit = cluster.Submit(data.InputPath, data.GoldPath, RunId, output, settings);
        await WaitForDetectionAsync(cluster, submit, options.KillAfterPast);

        var holder = cluster[stopped].FirstLine("coordinator: driving run", DateTime.MinValue) is null ? "?" : stopped;
        DateTime? exited = null;
        await using (var watch = new ClusterWatch(cluster, stopped, survivors, RunId))
        {
            await Task.Delay(TimeSpan.FromSeconds(2)); // the watch's first looks (its ClusterClient contacts the survivors)
            var stop = watch.Stop();
            if (scenario == "kill")
            {
                await cluster[stopped].KillAsync();
            }
            else
            {
                cluster[stopped].Terminate();
                await cluster[stopped].WaitForExitAsync(TimeSpan.FromSeconds(90));
                exited = DateTime.UtcNow;
            }
            var code = await submit.WaitForExitAsync(TimeSpan.FromMinutes(10));
            var completed = code == 0 ? DateTime.UtcNow : (DateTime?)null;
            await Task.Delay(ClusterWatch.Interval * 2);

            var resumed = await JournalResumption.MeasureAsync(cluster.Database, stop);
            var singleton = Earliest(survivors.Select(n => cluster[n].FirstLine("coordinator: driving run", stop)));
            Console.WriteLine($"{scenario} {repeat}: in-flight samples' next event, seconds after the stop: count = " + string.Join(", ", resumed.Where(r => r is not null)
                .GroupBy(r => (int)(r!.Value - stop).TotalSeconds).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}")));
            var lastResumed = resumed.Count == 0 || resumed.Any(r => r is null) ? null : resumed.Max();
            var singletonNode = survivors.FirstOrDefault(n => cluster[n].FirstLine("coordinator: driving run", stop) == singleton) ?? "none";
            var downed = scenario == "kill" ? Earliest(survivors.Select(n => cluster[n].FirstLine("SBR took decision", stop)).Append(watch.Downed)) : watch.Downed;
            return new FailoverMeasurement(scenario, repeat,
                Seconds(Earliest(survivors.Select(n => cluster[n].FirstLine("UNREACHABLE", stop)).Append(watch.Unreachable)), stop),
                Seconds(downed, stop),
                Seconds(watch.Removed, stop),
                Seconds(singleton, stop),
                // After SIGTERM the leaving node's projection writes until its singleton hands over: no reference point.
                scenario == "kill" ? Seconds(watch.ReadModelMoved, stop) : null,
                Seconds(lastResumed, stop),
                Seconds(exited, stop),
                Seconds(completed, stop),
                resumed.Count,
                singleton is { } started ? resumed.Count(r => r >= started) : 0,
                baseline is null || completed is null ? null : ExportsEqual(baseline, output),
                $"{holder} → {singletonNode}",
                loadBefore,
                CpuSnapshot.LoadAverage());
        }
    }

    /// <summary>Waits until the run is in detection with at least <paramref name="past"/> samples past their first model call.</summary>
    private static async Task WaitForDetectionAsync(FailoverCluster cluster, StampedProcess submit, int past)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (submit.HasExited) throw new InvalidOperationException($"submit exited ({submit.ExitCode}) before detection was under way:\n{submit.Tail()}");
            try
            {
                var run = await cluster.Runs.GetAsync(RunId);
                var counts = await cluster.Samples.CountByStateAsync(RunId);
                var n = (string s) => counts.GetValueOrDefault(s);
                if (run is { Phase: RunPhase.Detecting }
                    && n(SampleStates.Reasoning) + n(SampleStates.Checking) + n(SampleStates.Embedding) + n(SampleStates.Clean) + n(SampleStates.AwaitingIndex) >= past)
                    return;
                if (run is { Phase: > RunPhase.Detecting }) throw new InvalidOperationException($"the run left detection before {past} samples were seen past their first call: raise --delay-ms or --samples");
            }
            catch (Npgsql.NpgsqlException)
            {
                // tables not created yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"detection was not under way within 5 minutes:\n{submit.Tail()}");
    }

    private static bool ExportsEqual(string baseline, string output) =>
        new[] { TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName }
            .All(f => File.Exists(Path.Combine(output, f)) && File.ReadAllBytes(Path.Combine(baseline, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, f))));

    private static DateTime? Earliest(IEnumerable<DateTime?> times) => times.Where(t => t is not null).Min();

    private static double? Seconds(DateTime? at, DateTime since) => at is { } t ? (t - since).TotalSeconds : null;

    private static string F(double? seconds) => seconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "–";

    private const string Header = "| scenario | # | unreachable | downed / leaving | removed | singleton running | read model moves | in-flight samples resumed | node exited | run completed | in flight (resumed after the singleton) | exports equal | singleton | load before → after |";

    private static string Row(FailoverMeasurement m) =>
        $"| {m.Scenario} | {m.Repeat} | {F(m.Unreachable)} | {F(m.Downed)} | {F(m.Removed)} | {F(m.SingletonStarted)} | {F(m.ReadModelMoved)} | {F(m.InFlightResumed)} | " +
        $"{F(m.NodeExited)} | {F(m.Completed)} | {m.InFlight} ({m.InFlightAfterSingleton}) | {(m.ExportsEqual is { } e ? e ? "yes" : "NO" : "–")} | {m.SingletonNode} | {m.LoadBefore} → {m.LoadAfter} |";

    /// <summary>The table of every measurement, then per scenario the median and range of each step.</summary>
    private static void Summary(IReadOnlyList<FailoverMeasurement> results)
    {
        Console.WriteLine(Header);
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var m in results) Console.WriteLine(Row(m));
        Console.WriteLine();
        Console.WriteLine("| scenario | step | median s | range s |");
        Console.WriteLine("|---|---|---:|---|");
        foreach (var group in results.GroupBy(r => r.Scenario))
        {
            foreach (var (step, pick) in new (string, Func<FailoverMeasurement, double?>)[]
                     {
                         ("unreachable", m => m.Unreachable), ("downed / leaving", m => m.Downed), ("removed", m => m.Removed),
                         ("singleton running", m => m.SingletonStarted), ("read model moves", m => m.ReadModelMoved),
                         ("in-flight samples resumed", m => m.InFlightResumed), ("node exited", m => m.NodeExited), ("run completed", m => m.Completed),
                     })
            {
                var values = group.Select(pick).Where(v => v is not null).Select(v => v!.Value).Order().ToList();
                if (values.Count == 0) continue;
                var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
                Console.WriteLine($"| {group.Key} | {step} | {F(median)} | {F(values[0])}–{F(values[^1])} |");
            }
        }
    }
}
