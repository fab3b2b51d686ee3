using Dapper;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>Reads a test cluster's PostgreSQL database with the product's own store classes: runs and the samples'
/// read model.</summary>
public sealed class ClusterStore(string connectionString) : IAsyncDisposable
{
    private readonly PostgresConnectionFactory _db = new(connectionString, startupAttempts: 1);

    public RunStore Runs => new(_db);
    public SampleReadModel Samples => new(_db);

    public Task<RunRecord?> RunAsync(string runId) => Runs.GetAsync(runId);

    public Task<IReadOnlyDictionary<string, int>> CountByStateAsync(string runId) => Samples.CountByStateAsync(runId);

    /// <summary>Tables in the public schema (empty for a database nothing has written to).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var c = await _db.OpenAsync();
        return (await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).ToList();
    }

    /// <summary>The project's own tables (<see cref="RunDatabase"/>), which every node and <c>submit</c> create.</summary>
    public static readonly IReadOnlyList<string> ProjectTables =
        ["runs", "samples", "inference_journal", "inference_cache", "run_segments", "sample_states", "projection_offsets"];

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
