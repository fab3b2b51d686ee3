using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Bench.Scaling;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Tasks;
using RobustFT.Testing.Data;
using RobustFT.Testing.Servers;

namespace RobustFT.Bench.Entities;

/// <summary>
/// Sample-entity starts and recoveries per second on one <c>Sample</c> node (SQLite file or PostgreSQL):
/// <list type="number">
/// <item>start: <c>StartSample</c> for N samples of an ingested (not submitted: no coordinator drives it) run through
/// the shard region; an entity has started when its first event (<c>SampleStarted</c>, tagged) is persisted and its
/// first request reached the <see cref="CountingWorker"/>, which never answers;</item>
/// <item>recovery: the node is stopped, a new one started on the same database, and <c>StartSample</c> sent again to
/// the N samples: each entity replays its event, loads the run and re-sends its request.</item>
/// </list>
/// Rate = N / (time from the first message to the N-th distinct request at the worker).
/// </summary>
public static class EntityStartBench
{
    public const string Usage = "RobustFT.Bench entities [--count 2000] [--store sqlite,postgres]";

    public static async Task<int> RunAsync(string[] args)
    {
        int count;
        string[] stores;
        try
        {
            var value = (string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            count = value("--count") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 2000;
            stores = (value("--store") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (count < 1 || stores.Any(s => s is not ("sqlite" or "postgres"))) throw new ArgumentException("--count must be positive, --store sqlite and/or postgres");
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), $"robustft-entities-{Guid.NewGuid():N}");
        Console.WriteLine($"cores {Environment.ProcessorCount}, load average {CpuSnapshot.LoadAverage()}, {count} sample entities");
        try
        {
            await using var postgres = stores.Contains("postgres") ? await PostgresServer.StartNewAsync() : null;
            var data = BenchDataset.Write(SharedData.File("arc", "noisy30.csv"), SharedData.File("arc", "labeled.csv"), count, Path.Combine(work, "data"));
            Console.WriteLine("| store | entities | starts/s | recoveries/s | start CPU ms/entity | recovery CPU ms/entity | load average |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var store in stores)
            {
                var connection = store == "postgres"
                    ? BenchRuntime.CappedPool(await postgres!.CreateDatabaseAsync($"entities_{Guid.NewGuid():N}"[..30], CancellationToken.None))
                    : null;
                var load = CpuSnapshot.LoadAverage();
                var (startRate, startCpu) = await PhaseAsync(connection, work, data, recover: false);
                var (recoveryRate, recoveryCpu) = await PhaseAsync(connection, work, data, recover: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {store} | {count} | {startRate:0} | {recoveryRate:0} | {startCpu:0.00} | {recoveryCpu:0.00} | {load} |"));
                if (Directory.Exists(Path.Combine(work, "db"))) Directory.Delete(Path.Combine(work, "db"), recursive: true);
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>One node's life: start it on the store, (first phase) ingest the run, tell every sample StartSample and
    /// time until every entity's request arrived; stop the node. Returns entities per second and CPU ms per entity.</summary>
    private static async Task<(double Rate, double CpuMs)> PhaseAsync(string? connection, string work, BenchDataset data, bool recover)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        Directory.CreateDirectory(Path.Combine(work, "db"));
        var bench = BenchRuntime.Shipped();
        var store = bench.Store(connection, Path.Combine(work, "db", "robustft.db"));
        await using var _ = store as IAsyncDisposable;
        var node = await RobustFtNode.StartAsync(bench.Node(NodeRoles.Sample, FreePort.Next(), null, store), services =>
            services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Akka", LogLevel.Error)), ct);
        await using (node)
        {
            var settings = new RunSettings("entities", data.InputPath, "bench", Path.Combine(work, "out"), TaskProfiles.Resolve("arc"),
                bench.Defaults.Method(), bench.Defaults.Prompts(), bench.Defaults.Budgets(), 0, 1, 0, "counting", "counting", null);
            var run = recover
                ? await node.Services.GetRequiredService<RunStore>().GetAsync(settings.RunId) ?? throw new InvalidOperationException("the run is gone")
                : await node.Services.GetRequiredService<RunIngestor>().IngestAsync(settings, ct);
            var counter = new RequestCounter(data.Gold.Count);
            node.System.ActorOf(CountingWorker.Props(counter), "counting-worker");
            var registry = ActorRegistry.For(node.System);
            var dispatcher = registry.Get<InferenceDispatcher>();
            while ((await dispatcher.Ask<IReadOnlyList<WorkerStatus>>(GetWorkers.Instance, TimeSpan.FromSeconds(5), ct)).Count == 0)
                await Task.Delay(100, ct);
            var region = registry.Get<SampleEntity>();

            var cpu = CpuSnapshot.Take();
            var started = Stopwatch.GetTimestamp();
            foreach (var sample in data.Gold) region.Tell(new StartSample(run.RunId, sample.Id));
            var all = counter.All;
            while (!all.IsCompleted)
            {
                if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10), ct)) != all)
                    Console.WriteLine($"  {(recover ? "recovery" : "start")}: {counter.Count} of {counter.Expected} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuMs = (CpuSnapshot.Take().Process - cpu.Process).TotalMilliseconds / counter.Expected;
            return (counter.Expected / seconds, cpuMs);
        }
    }
}
