using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Coordination;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A real SQLite store (runs, inference journal and cache, read model) for actor tests, and the
/// <see cref="RuntimeServices"/> of a node over it with the models a test gives (each call a node of its own: its own
/// devices, gates and metrics, the shared store).</summary>
public sealed class WorkerTestStore : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly List<IDisposable> _owned = [];

    private WorkerTestStore(TestDatabase database)
    {
        _database = database;
        Database = new RunDatabase(database.Connections);
    }

    public RunDatabase Database { get; }

    public RunStore Runs => Database.Runs;

    public static async Task<WorkerTestStore> CreateAsync()
    {
        var store = new WorkerTestStore(TestDatabase.CreateSqlite());
        await store.Database.EnsureSchemaAsync();
        return store;
    }

    /// <summary>Creates a run row (phase Ingesting: runnable, not paused) and returns its id.</summary>
    public async Task<string> CreateRunAsync(string runId = "run1")
    {
        await Runs.CreateOrGetAsync(TestRunSettings.Create(runId));
        return runId;
    }

    /// <summary>A node's services with one device, <paramref name="device"/>, over the given models (either may be
    /// missing): the shipped worker options unless <paramref name="options"/> is given.</summary>
    public RuntimeServices Services(ILanguageModel? model = null, IEmbedder? embedder = null, WorkerOptions? options = null, string device = "gpu:0")
    {
        var config = ShippedDefaults.Config;
        var worker = options ?? config.Worker();
        var metrics = Own(new WorkerMetrics());
        return new RuntimeServices(
            Runs, Database.Samples, new RunCatalog(Runs), new InferenceCache(Database.Connections), new RunControl(Runs),
            metrics, config.Entity(), config.Coordinator(), worker, NullLoggerFactory.Instance)
        {
            Devices = [Own(new WorkerDevice(device, model is null ? null : new GenerationGate(model, worker, metrics),
                embedder is null ? null : new EmbeddingGate(embedder, worker)))],
            ExecutionProvider = "test-ep",
        };
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _owned) d.Dispose();
        await _database.DisposeAsync();
    }
}
