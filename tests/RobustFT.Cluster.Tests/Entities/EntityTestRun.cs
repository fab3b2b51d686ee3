using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>A run ingested into a real SQLite file (the four <see cref="TestSamples.Arc"/> samples) and the
/// <see cref="RuntimeServices"/> a sample entity gets, with the given method and request timeout.</summary>
public sealed class EntityTestRun : IAsyncDisposable
{
    private EntityTestRun(string directory, RuntimeServices services, RunContext run)
    {
        Directory = directory;
        Services = services;
        Run = run;
    }

    public string Directory { get; }

    /// <summary>The SQLite file of the run store (the Akka journal may share it, as on a node).</summary>
    public string DatabasePath => Path.Combine(Directory, "robustft.db");

    public RuntimeServices Services { get; }

    public RunContext Run { get; }

    public string RunId => Run.Settings.RunId;

    public static async Task<EntityTestRun> CreateAsync(MethodOptions? method = null, TimeSpan? requestTimeout = null, string? directory = null,
        TimeSpan? persistRetryAfter = null, int waitingPerNode = 0)
    {
        directory ??= NewDirectory();
        var db = new SqliteConnectionFactory(Path.Combine(directory, "robustft.db"));
        var store = new RunStore(db);
        await store.EnsureSchemaAsync();
        var settings = TestRunSettings.Create("entity-run", method);
        await store.CreateOrGetAsync(settings);
        await store.InsertSamplesAsync(settings.RunId, TestSamples.Arc);
        var defaults = ShippedDefaults.Config;
        var entity = defaults.Entity() with
        {
            RequestTimeout = requestTimeout ?? defaults.Entity().RequestTimeout,
            PersistRetryAfter = persistRetryAfter ?? defaults.Entity().PersistRetryAfter,
            WaitingPerNode = waitingPerNode, // 0 unless a test asks: entities at a barrier passivate, as beyond the node's slots
        };
        var catalog = new RunCatalog(store);
        var services = new RuntimeServices(store, new SampleReadModel(db), catalog, new InferenceCache(db), new RunControl(store), new WorkerMetrics(),
            entity, defaults.Coordinator(), defaults.Worker(), NullLoggerFactory.Instance);
        return new EntityTestRun(directory, services, await catalog.GetAsync(settings.RunId));
    }

    /// <summary>A fresh temporary directory for a run's database.</summary>
    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "robustft-tests", "entity-" + Guid.NewGuid().ToString("N"));

    public ValueTask DisposeAsync()
    {
        Services.Metrics.Dispose();
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
