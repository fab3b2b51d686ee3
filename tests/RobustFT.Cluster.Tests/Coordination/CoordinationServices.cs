using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Method;
using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The runtime services of a node over a test database (its tables created), and submitted runs in it.</summary>
public static class CoordinationServices
{
    public static async Task<RuntimeServices> CreateAsync(TestDatabase db, CoordinatorOptions? coordinator = null, ILoggerFactory? logging = null)
    {
        var database = new RunDatabase(db.Connections);
        await database.EnsureSchemaAsync();
        var runs = database.Runs;
        return new RuntimeServices(runs, database.Samples, new RunCatalog(runs), new InferenceCache(db.Connections), new RunControl(runs),
            new WorkerMetrics(), ShippedDefaults.Config.Entity(), coordinator ?? ShippedDefaults.Config.Coordinator(),
            ShippedDefaults.Config.Worker(), logging ?? NullLoggerFactory.Instance);
    }

    /// <summary>Fast coordinator timing for tests, with the given wave size and per-look bound (default: shipped).</summary>
    public static CoordinatorOptions Fast(int maxLiveSamples = 1000, TimeSpan? redriveAfter = null, int? releasePerLook = null, TimeSpan? resendAfter = null)
    {
        var shipped = ShippedDefaults.Config.Coordinator();
        return shipped with
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            RedriveAfter = redriveAfter ?? TimeSpan.FromMinutes(10),
            MaxLiveSamples = maxLiveSamples,
            ReleasePerLook = releasePerLook ?? shipped.ReleasePerLook,
            ResendAfter = resendAfter ?? TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>A run with <paramref name="samples"/> ingested, in <paramref name="phase"/> (Detecting: submitted).</summary>
    public static async Task<string> SubmitAsync(RuntimeServices services, IReadOnlyList<Sample> samples,
        RunPhase phase = RunPhase.Detecting, MethodOptions? method = null, string? outputDirectory = null)
    {
        var runId = TestDatabase.UniqueId("run");
        await services.Runs.CreateOrGetAsync(TestRunSettings.Create(runId, method, outputDirectory));
        await services.Runs.InsertSamplesAsync(runId, samples);
        await services.Runs.SetIngestedAsync(runId, samples.Count, 0);
        if (phase != RunPhase.Ingesting) await services.Runs.AdvancePhaseAsync(runId, phase);
        return runId;
    }

    /// <summary><paramref name="count"/> ARC-style samples s001…, in input order.</summary>
    public static IReadOnlyList<Sample> Samples(int count) =>
        Enumerable.Range(1, count)
            .Select(i => TestSamples.Arc[(i - 1) % TestSamples.Arc.Count] with { Id = $"s{i:D3}", Line = i + 1 })
            .ToList();
}
