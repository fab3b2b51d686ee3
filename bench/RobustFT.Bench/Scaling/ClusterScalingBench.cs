using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Reports;
using RobustFT.Core.Tasks;
using RobustFT.Inference.Abstractions;
using RobustFT.Testing.Data;
using RobustFT.Testing.Scripted;
using RobustFT.Testing.Servers;

namespace RobustFT.Bench.Scaling;

/// <summary>
/// Cluster scaling on loopback: one Coordinator|Sample node and 1, 2, 4… Gpu nodes in this process, each its own Akka.NET
/// ActorSystem joined into one cluster over TCP on 127.0.0.1, real PostgreSQL (or SQLite), each GPU node a
/// <see cref="SimulatedGpu"/> (sleep a + b·batch, one call at a time). Every configuration gets a fresh database, so
/// neither the journal nor the inference cache carry over. Heterogeneous sets (<c>--hetero</c>) run their first GPU
/// node at twice the cost.
/// </summary>
public static class ClusterScalingBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ScalingOptions options;
        try
        {
            options = ScalingOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ScalingOptions.Usage);
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), $"robustft-scaling-{Guid.NewGuid():N}");
        Console.WriteLine($"cores {Environment.ProcessorCount}, load average {CpuSnapshot.LoadAverage()}, .NET {Environment.Version}");
        Console.WriteLine($"generate {options.Generate}, embed {options.Embed}, max batch {options.MaxBatch}, max wait {options.MaxWait?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) ?? "(shipped)"} ms, " +
                          $"{options.Samples} samples of arc/{options.Split}, expert error {options.ErrorRate}, poll {options.PollInterval.TotalMilliseconds} ms, store {options.Store}, " +
                          $"max live samples {options.MaxLiveSamples?.ToString(CultureInfo.InvariantCulture) ?? "(shipped)"}, projection delay {options.ProjectionDelay?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) ?? "(shipped)"} ms, " +
                          $"generation calls at once {(options.GenerationCalls > 0 ? options.GenerationCalls.ToString(CultureInfo.InvariantCulture) : "(shipped)")}");
        try
        {
            await using var postgres = await PostgresServer.StartNewAsync();
            var results = new List<ScalingMeasurement>();
            if (options.WarmupSamples > 0)
            {
                var warm = await MeasureAsync(postgres, options, 1, 0, Data(options, options.WarmupSamples, work), "warmup", work);
                Console.WriteLine($"warm-up ({warm.Samples} samples, 1 GPU node): {warm.WallSeconds:0.0} s, phase {warm.Phase}");
            }
            var data = Data(options, options.Samples, work);
            var sets = options.NodeCounts.Select(n => (Nodes: n, Slow: 0)).Concat(options.HeterogeneousNodeCounts.Select(n => (Nodes: n, Slow: 1)));
            foreach (var (n, slow) in sets)
            {
                Console.WriteLine($"N={n} ({slow} slow): load average before {CpuSnapshot.LoadAverage()}");
                var m = await MeasureAsync(postgres, options, n, slow, data, $"n{n}s{slow}", work);
                results.Add(m);
                Console.WriteLine(ScalingReport.Details(m));
            }
            Console.WriteLine();
            Console.WriteLine(ScalingReport.MarkdownTable(results, options));
            if (options.JsonPath is { } json)
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { options, results }, new JsonSerializerOptions { WriteIndented = true }));
            return results.All(r => r.Phase == nameof(RunPhase.Completed) && r.Faulted == 0) ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static BenchDataset Data(ScalingOptions options, int count, string work) =>
        BenchDataset.Write(SharedData.File("arc", options.Split + ".csv"), SharedData.File("arc", "labeled.csv"), count, Path.Combine(work, "data"));

    private static async Task<ScalingMeasurement> MeasureAsync(
        PostgresServer postgres, ScalingOptions options, int gpuNodes, int slowNodes, BenchDataset data, string label, string work)
    {
        // 20 minutes, or 2 minutes per 1,000 samples for large runs (a 100,000-sample run on a loaded 2-core machine).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(Math.Max(20, options.Samples / 500.0)));
        var ct = timeout.Token;
        var output = Path.Combine(work, label);
        Directory.CreateDirectory(output);
        var connectionString = options.Store == "postgres"
            ? BenchRuntime.CappedPool(await postgres.CreateDatabaseAsync($"scaling_{label}_{Guid.NewGuid():N}"[..40], ct))
            : null;
        // Everything not measured here comes from the shipped defaults (hocon/robustft.conf).
        var bench = BenchRuntime.Shipped(w => w with
            {
                MaxBatchSize = options.MaxBatch, MaxWait = options.MaxWait ?? w.MaxWait,
                GenerationCalls = options.GenerationCalls > 0 ? options.GenerationCalls : w.GenerationCalls,
            },
            c => c with { PollInterval = options.PollInterval, MaxLiveSamples = options.MaxLiveSamples ?? c.MaxLiveSamples }) with
        {
            AkkaOverrides = string.Join('\n', new[] { options.ProjectionDelay is { } delay ? BenchRuntime.ProjectionDelay(delay) : null, options.Akka }.OfType<string>()),
        };
        var defaults = bench.Defaults;
        var seedPort = FreePort.Next();

        var factories = new List<IDbConnectionFactory>();
        var nodes = new List<RobustFtNode>();
        var gpus = new List<SimulatedGpu>();
        try
        {
            RuntimeOptions Runtime(NodeRoles roles, int port)
            {
                var factory = bench.Store(connectionString, Path.Combine(output, "robustft.db"));
                factories.Add(factory);
                return bench.Node(roles, port, seedPort, factory);
            }

            var coordinator = await RobustFtNode.StartAsync(Runtime(NodeRoles.Coordinator | NodeRoles.Sample, seedPort), s => AddLogging(s, options.Trace), ct);
            nodes.Add(coordinator);
            ILanguageModel? anyModel = null;
            IEmbedder? anyEmbedder = null;
            for (var i = 0; i < gpuNodes; i++)
            {
                var gpu = new SimulatedGpu();
                gpus.Add(gpu);
                var factor = i < slowNodes ? 2 : 1;
                var model = new SimulatedGpuModel(new ScriptedExpertModel(data.Gold, options.ErrorRate), gpu, options.Generate.Times(factor));
                var embedder = new SimulatedEmbedder(new HashingEmbedder(), gpu, options.Embed.Times(factor));
                anyModel = model;
                anyEmbedder = embedder;
                nodes.Add(await RobustFtNode.StartAsync(Runtime(NodeRoles.Gpu, FreePort.Next()), services =>
                {
                    AddLogging(services, options.Trace);
                    services.AddSingleton(new ModelDevice("cpu", model, embedder));
                }, ct));
            }

            double? idleCores = null;
            if (options.Idle is { } idle && idle > TimeSpan.Zero)
            {
                var idleBefore = CpuSnapshot.Take();
                await Task.Delay(idle, ct);
                idleCores = (CpuSnapshot.Take().Process - idleBefore.Process).TotalSeconds / idle.TotalSeconds;
            }

            var settings = new RunSettings($"scaling-{label}", data.InputPath, Sha256(data.InputPath), output, TaskProfiles.Resolve("arc"),
                defaults.Method(), defaults.Prompts(), defaults.Budgets(), 0, 1, 0, anyModel!.ModelId, anyEmbedder!.ModelId, data.GoldPath);

            var cpuBefore = CpuSnapshot.Take();
            var timeline = new PhaseTimeline();
            var started = Stopwatch.GetTimestamp();
            timeline.Start();
            if (options.Trace) Console.WriteLine($"run {settings.RunId} starts at {DateTime.Now:HH:mm:ss.fff}");
            using var memory = new PeakMemory(options.MemoryEvery, () => timeline.Last is { } p
                ? $"{p.Phase}, {p.Finished} finished, " + string.Join(' ', p.States.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}={kv.Value}"))
                : "no progress yet");
            var final = await coordinator.RunAsync(settings, timeline, ct);
            var ended = Stopwatch.GetTimestamp();
            var wall = Stopwatch.GetElapsedTime(started, ended).TotalSeconds;
            var cpuAfter = CpuSnapshot.Take();
            var residentMb = memory.PeakMb;

            if (options.Trace)
                for (var g = 0; g < gpus.Count; g++) Console.WriteLine($"GPU {g + 1} calls: {gpus[g].CallSizes()}");
            var reportPath = Path.Combine(output, RunReport.FileName);
            var report = File.Exists(reportPath) ? RunReport.FromJson(await File.ReadAllTextAsync(reportPath, ct)) : null;

            await DisposeAllAsync(nodes, factories);
            var writes = connectionString is null
                ? await SqliteRowCounts.ReadAsync(Path.Combine(output, "robustft.db"), ct)
                : await PostgresWriteStats.ReadSettledAsync(connectionString, ct);

            return new ScalingMeasurement(
                gpuNodes,
                report?.Samples ?? data.Gold.Count,
                final.Phase.ToString(),
                report?.Clean ?? 0,
                report?.Noisy ?? 0,
                report?.Relabeled ?? 0,
                report?.Selected ?? 0,
                report?.Faulted ?? 0,
                wall,
                gpus.Select(g => g.Usage(SimulatedGpuModel.Kind)).Aggregate(GpuUsage.Empty, (a, b) => a.Plus(b)),
                gpus.Select(g => g.Usage(SimulatedEmbedder.Kind)).Aggregate(GpuUsage.Empty, (a, b) => a.Plus(b)),
                gpus.Select(g => g.Usage(SimulatedGpuModel.Kind).Items + g.Usage(SimulatedEmbedder.Kind).Items).ToList(),
                slowNodes,
                writes.Tables.Where(t => t.Table == JournalTable).Sum(t => t.Inserted),
                writes,
                (cpuAfter.Process - cpuBefore.Process).TotalSeconds,
                cpuAfter.MachineBusySince(cpuBefore),
                residentMb,
                timeline.FirstSeen,
                gpus.Select(g => g.Idle(started, ended, TimeSpan.FromSeconds(0.1))).ToList(),
                idleCores);
        }
        finally
        {
            await DisposeAllAsync(nodes, factories);
        }
    }

    /// <summary>Akka.Persistence.Sql's journal table (default name).</summary>
    public const string JournalTable = "journal";

    private static async Task DisposeAllAsync(List<RobustFtNode> nodes, List<IDbConnectionFactory> factories)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            nodes.RemoveAt(i);
            await node.DisposeAsync();
        }
        foreach (var factory in factories)
            if (factory is IAsyncDisposable disposable) await disposable.DisposeAsync();
        factories.Clear();
    }

    private static void AddLogging(IServiceCollection services, bool trace) =>
        services.AddLogging(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("RobustFT.Cluster.Runs", trace ? LogLevel.Debug : LogLevel.Warning)
            .AddFilter("Akka", LogLevel.Error));

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
