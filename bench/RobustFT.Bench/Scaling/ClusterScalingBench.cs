using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Reports;
using RobustFT.Core.Tasks;
using RobustFT.Inference.Abstractions;
using RobustFT.Testing.Data;
using RobustFT.Testing.Scripted;
using RobustFT.Testing.Servers;

namespace RobustFT.Bench.Scaling;

/// <summary>
/// Cluster scaling on loopback: one Coordinator|Sample node and 1, 2, 4… Gpu nodes in this process, real RabbitMQ and
/// PostgreSQL, each GPU node a <see cref="SimulatedGpu"/> (sleep a + b·batch, one call at a time). Every configuration
/// gets a fresh broker and a fresh database, so neither queues nor the inference cache carry over.
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
        Console.WriteLine($"generate {options.Generate}, embed {options.Embed}, max batch {options.MaxBatch}, max wait {options.MaxWait.TotalMilliseconds} ms, " +
                          $"{options.Samples} samples of arc/{options.Split}, expert error {options.ErrorRate}, poll {options.PollInterval.TotalMilliseconds} ms");
        try
        {
            await using var postgres = await PostgresServer.StartNewAsync();
            var results = new List<ScalingMeasurement>();
            if (options.WarmupSamples > 0)
            {
                var warm = await MeasureAsync(postgres, options, 1, Data(options, options.WarmupSamples, work), "warmup", work);
                Console.WriteLine($"warm-up ({warm.Samples} samples, 1 GPU node): {warm.WallSeconds:0.0} s, phase {warm.Phase}");
            }
            var data = Data(options, options.Samples, work);
            foreach (var n in options.NodeCounts)
            {
                Console.WriteLine($"N={n}: load average before {CpuSnapshot.LoadAverage()}");
                var m = await MeasureAsync(postgres, options, n, data, $"n{n}", work);
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
        PostgresServer postgres, ScalingOptions options, int gpuNodes, BenchDataset data, string label, string work)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        var connectionString = await postgres.CreateDatabaseAsync($"scaling_{label}_{Guid.NewGuid():N}"[..40], ct);
        await using var broker = await RabbitMqServer.StartNewAsync(ct);
        // Everything not measured here comes from the shipped defaults (hocon/robustft.conf).
        var defaults = new RobustFtConfig(ConfigLoader.Load(null, null));
        var transport = defaults.Transport() with
        {
            Kind = "rabbitmq", Host = broker.Host, Port = broker.Port, Username = broker.Username, Password = broker.Password,
        };
        var worker = defaults.Worker() with { MaxBatchSize = options.MaxBatch, MaxWait = options.MaxWait };
        var coordination = defaults.Coordinator() with { PollInterval = options.PollInterval };

        var factories = new List<PostgresConnectionFactory>();
        var nodes = new List<RobustFtNode>();
        var gpus = new List<SimulatedGpu>();
        var counter = new MessageCounter();
        try
        {
            RuntimeOptions Runtime(NodeRoles roles)
            {
                var factory = new PostgresConnectionFactory(connectionString, defaults.Reader.Int("robustft.store.postgres.startup-attempts"));
                factories.Add(factory);
                return new RuntimeOptions(roles, transport, factory, worker, coordination,
                    defaults.Reader.Int("robustft.coordinator.saga-partitions"), defaults.Reader.Duration("robustft.node.heartbeat-interval"));
            }

            var coordinator = await RobustFtNode.StartAsync(Runtime(NodeRoles.Coordinator | NodeRoles.Sample), AddLogging, ct);
            nodes.Add(coordinator);
            ILanguageModel? anyModel = null;
            IEmbedder? anyEmbedder = null;
            for (var i = 0; i < gpuNodes; i++)
            {
                var gpu = new SimulatedGpu();
                gpus.Add(gpu);
                var model = new SimulatedGpuModel(new ScriptedExpertModel(data.Gold, options.ErrorRate), gpu, options.Generate);
                var embedder = new SimulatedEmbedder(new HashingEmbedder(), gpu, options.Embed);
                anyModel = model;
                anyEmbedder = embedder;
                nodes.Add(await RobustFtNode.StartAsync(Runtime(NodeRoles.Gpu), services =>
                {
                    AddLogging(services);
                    services.AddSingleton<ILanguageModel>(model);
                    services.AddSingleton<IEmbedder>(embedder);
                }, ct));
            }
            foreach (var node in nodes) counter.ConnectTo(node.Services.GetRequiredService<IBus>());

            var output = Path.Combine(work, label);
            var settings = new RunSettings($"scaling-{label}", data.InputPath, Sha256(data.InputPath), output, TaskProfiles.Resolve("arc"),
                defaults.Method(), defaults.Prompts(), defaults.Budgets(), 0, 1, 0, anyModel!.ModelId, anyEmbedder!.ModelId, data.GoldPath);

            var cpuBefore = CpuSnapshot.Take();
            var timeline = new PhaseTimeline();
            var started = Stopwatch.GetTimestamp();
            timeline.Start();
            var final = await coordinator.RunAsync(settings, timeline, ct);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuAfter = CpuSnapshot.Take();

            var reportPath = Path.Combine(output, RunReport.FileName);
            var report = File.Exists(reportPath) ? RunReport.FromJson(await File.ReadAllTextAsync(reportPath, ct)) : null;

            await DisposeAllAsync(nodes, factories);
            var writes = await PostgresWriteStats.ReadSettledAsync(connectionString, ct);

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
                counter.Outgoing,
                counter.Consumed,
                counter.Counts,
                writes,
                (cpuAfter.Process - cpuBefore.Process).TotalSeconds,
                cpuAfter.MachineBusySince(cpuBefore),
                timeline.FirstSeen);
        }
        finally
        {
            await DisposeAllAsync(nodes, factories);
        }
    }

    private static async Task DisposeAllAsync(List<RobustFtNode> nodes, List<PostgresConnectionFactory> factories)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            nodes.RemoveAt(i);
            await node.DisposeAsync();
        }
        foreach (var factory in factories) await factory.DisposeAsync();
        factories.Clear();
    }

    private static void AddLogging(IServiceCollection services) =>
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("MassTransit", LogLevel.Error));

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
