using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;
using RobustFT.Inference.Abstractions;
using RobustFT.Testing.Data;
using RobustFT.Testing.Scripted;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>
/// One in-process node (in-memory transport, a SQLite file in a temporary directory, scripted experts over the first
/// rows of the shared arc noisy30 split) and the coordinator services a test adds beside the node's own: each has
/// its own <see cref="NodeIdentity"/> but drives through the node's bus and store, as a coordinator node would
/// through the broker and PostgreSQL. Runs are submitted the way <c>robustft submit</c> does: ingested, then moved
/// past ingestion, optionally paused so that they cannot end before the test lets them.
/// </summary>
public sealed class CoordinationCluster : IAsyncDisposable
{
    private readonly List<CoordinatorService> _coordinators = [];
    private readonly List<RunSettings> _runs = [];
    private readonly string _input;

    private readonly RuntimeOptions _options;

    private CoordinationCluster(string directory, string input, RuntimeOptions options, ScriptedExpertModel model, IEmbedder embedder)
    {
        Directory = directory;
        _input = input;
        _options = options;
        Model = model;
        Embedder = embedder;
    }

    public string Directory { get; }
    public RobustFtNode Node { get; private set; } = null!;
    public ScriptedExpertModel Model { get; }
    public IEmbedder Embedder { get; }
    public string NodeId => Node.Identity.NodeId;
    public RunStore Store => Node.Services.GetRequiredService<RunStore>();
    public RunLeases Leases => Node.Services.GetRequiredService<RunLeases>();
    public NodeRegistry Registry => Node.Services.GetRequiredService<NodeRegistry>();
    public WorkerMetrics Metrics => Node.Services.GetRequiredService<WorkerMetrics>();
    public IDbConnectionFactory Connections => Node.Services.GetRequiredService<IDbConnectionFactory>();

    /// <param name="roles">The node's roles (Sample and Gpu are needed for runs to move).</param>
    /// <param name="driveSubmittedRuns">Whether the node starts its own <see cref="CoordinatorService"/> (with the
    /// Coordinator role).</param>
    /// <param name="leaseTtl">The node's <see cref="CoordinatorOptions.LeaseTtl"/>.</param>
    /// <param name="rows">How many samples each submitted run has.</param>
    public static async Task<CoordinationCluster> StartAsync(NodeRoles roles, bool driveSubmittedRuns, TimeSpan leaseTtl, int rows = 8)
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "coordination-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        System.IO.Directory.CreateDirectory(directory);
        var input = Path.Combine(directory, "input.csv");
        var noisy = DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Take(rows).ToList();
        var ids = noisy.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var gold = DatasetReader.Read(SharedData.File("arc", "labeled.csv")).Samples.Where(s => ids.Contains(s.Id)).ToList();
        await File.WriteAllTextAsync(input, CsvFormat.Row(["id", "question", "answer", "options"]) +
            string.Concat(noisy.Select(s => CsvFormat.Row([s.Id, s.Question, s.Label, JsonSerializer.Serialize(s.Options)]))));

        var model = new ScriptedExpertModel(gold, 0.3, TimeSpan.FromMilliseconds(20));
        var embedder = new HashingEmbedder();
        var identity = Identity(TestDatabase.UniqueId("node"), roles);
        var defaults = ShippedDefaults.Config;
        var options = new RuntimeOptions(roles, defaults.Transport(), new SqliteConnectionFactory(Path.Combine(directory, "robustft.db")),
            defaults.Worker() with { MaxBatchSize = 4 }, defaults.Coordinator() with { PollInterval = TimeSpan.FromMilliseconds(50), LeaseTtl = leaseTtl },
            defaults.Reader.Int("robustft.coordinator.saga-partitions"), HeartbeatInterval: TimeSpan.FromMilliseconds(100))
        {
            Identity = identity,
            DriveSubmittedRuns = driveSubmittedRuns,
        };
        var cluster = new CoordinationCluster(directory, input, options, model, embedder);
        cluster.Node = await cluster.StartNodeAsync(options);
        return cluster;
    }

    /// <summary>Stops the node (as SIGTERM does) and starts a new one with another id on the same store, as restarting
    /// every node of a cluster does.</summary>
    public async Task RestartNodeAsync()
    {
        await Node.DisposeAsync();
        Node = await StartNodeAsync(_options with { Identity = Identity(TestDatabase.UniqueId("node"), _options.Roles) });
    }

    private Task<RobustFtNode> StartNodeAsync(RuntimeOptions options) => RobustFtNode.StartAsync(options, services =>
    {
        services.AddLogging();
        services.AddSingleton<ILanguageModel>(Model);
        services.AddSingleton<IEmbedder>(Embedder);
    }, CancellationToken.None);

    public static NodeIdentity Identity(string nodeId, NodeRoles roles) =>
        new(nodeId, roles, Environment.MachineName, Environment.ProcessId, "cpu", DateTimeOffset.UtcNow);

    /// <summary>Ingests a new run and marks it submitted (past ingestion), as <c>robustft submit</c> does.</summary>
    /// <param name="paused">Submit it paused: workers hold its requests until <see cref="ResumeAsync"/>.</param>
    public async Task<string> SubmitAsync(bool paused)
    {
        var runId = "run-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var settings = new RunSettings(runId, _input, Sha256(_input),
            Path.Combine(Directory, "out", runId), TaskProfiles.Resolve("arc"), ShippedDefaults.Config.Method(), ShippedDefaults.Config.Prompts(), ShippedDefaults.Config.Budgets(),
            0.0, 1.0, 0, Model.ModelId, Embedder.ModelId, null);
        _runs.Add(settings);
        var run = await Node.Services.GetRequiredService<RunIngestor>().IngestAsync(settings, CancellationToken.None);
        if (paused) await Store.SetPausedAsync(run.RunId, true);
        Assert.True(await Store.AdvancePhaseAsync(run.RunId, RunPhase.Detecting));
        return run.RunId;
    }

    public Task ResumeAsync(string runId) => Store.SetPausedAsync(runId, false);

    public string OutputDirectory(string runId) => _runs.Single(r => r.RunId == runId).OutputDirectory;

    /// <summary>A coordinator service of another (simulated) coordinator node, not started: the test ticks it, or starts
    /// its loop with <see cref="CoordinatorService.StartAsync"/>. The node created the leases table at its start.
    /// Disposed with the cluster.</summary>
    public Task<CoordinatorService> AddCoordinatorAsync(string nodeId, TimeSpan leaseTtl)
    {
        var services = Node.Services;
        var coordinator = new CoordinatorService(
            Store, Leases, services.GetRequiredService<RunCoordinator>(), services.GetRequiredService<RunCatalog>(),
            Identity(nodeId, NodeRoles.Coordinator), ShippedDefaults.Config.Coordinator() with { LeaseTtl = leaseTtl },
            services.GetRequiredService<ILogger<CoordinatorService>>());
        _coordinators.Add(coordinator);
        return Task.FromResult(coordinator);
    }

    /// <summary>Polls the store until the run satisfies <paramref name="condition"/>; fails naming the last state read.</summary>
    public async Task<RunRecord> WaitForRunAsync(string runId, Func<RunRecord, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var run = await Store.GetAsync(runId) ?? throw new InvalidOperationException($"run {runId} is not in the store");
            if (condition(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {runId} did not reach the expected state; last read: {run}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/>; fails with <paramref name="what"/> and the last value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen; last value: {value}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var coordinator in _coordinators) await coordinator.DisposeAsync();
        foreach (var run in _runs)
        {
            try { await Store.SetPausedAsync(run.RunId, false); }
            catch (Exception) { /* the test already failed; let the workers go anyway */ }
        }
        await Node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
