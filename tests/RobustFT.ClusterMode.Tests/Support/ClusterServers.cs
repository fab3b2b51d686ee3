using System.Collections.Concurrent;
using RobustFT.Core.Datasets;
using RobustFT.Core.Demo;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;
using RobustFT.Testing.Servers;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One private PostgreSQL server for the whole collection (each test gets its own database), and the
/// uninterrupted embedded baseline runs, each computed once.</summary>
public sealed class ClusterServers : IAsyncLifetime
{
    /// <summary>Settings shared by the baselines and every cluster node (small batches: more of them, so a kill lands mid-run).</summary>
    public static readonly IReadOnlyList<string> MethodSettings = ["robustft.inference.batching.max-batch-size=4"];

    private readonly TempDir _dir = new();
    private readonly ConcurrentDictionary<(int Skip, int Take), Lazy<Task<BaselineRun>>> _baselines = new();
    private PostgresServer? _postgres;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL has not started");
    public static string Gold => SharedData.File("arc", "labeled.csv");

    public async Task InitializeAsync()
    {
        try
        {
            _postgres = await PostgresServer.StartNewAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed.
            _dir.Dispose();
            throw;
        }
    }

    /// <summary>The baseline of rows [<paramref name="skip"/>, <paramref name="skip"/> + <paramref name="take"/>) of arc
    /// noisy30, run once per collection by an embedded <c>robustft run</c> (no delay, same seed and settings).</summary>
    public Task<BaselineRun> BaselineAsync(int skip, int take) =>
        _baselines.GetOrAdd((skip, take), key => new Lazy<Task<BaselineRun>>(() => RunBaselineAsync(key.Skip, key.Take))).Value;

    private async Task<BaselineRun> RunBaselineAsync(int skip, int take)
    {
        var runId = $"arc-{skip}-{take}";
        var input = _dir.File($"{runId}.csv");
        var output = _dir.File($"{runId}-baseline");
        var rows = DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Skip(skip).Take(take).ToList();
        await File.WriteAllTextAsync(input, DemoDataSet.ToCsv(rows));
        var args = new List<string> { "run", "--input", input, "--task", "arc", "--output", output, "--gold", Gold, "--run-id", runId };
        foreach (var s in MethodSettings) args.AddRange(["--set", s]);
        var result = await new HostCommand(Gold).RunAsync(TimeSpan.FromMinutes(3), [.. args]);
        Assert.True(result.ExitCode == 0, $"baseline run failed: {result}");
        var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName)));
        Assert.Equal(take, report.Samples);
        return new BaselineRun(runId, input, output, Gold, DatasetReader.Read(input).Samples.Select(s => s.Id).ToList(), report);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_postgres is not null) await _postgres.DisposeAsync();
        }
        finally
        {
            _dir.Dispose();
        }
    }
}
