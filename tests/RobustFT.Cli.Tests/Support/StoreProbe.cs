using System.Diagnostics;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cli.Tests.Support;

/// <summary>Reads the store of a running embedded run (SQLite in its output directory, readable while the run writes): the
/// runs row and the samples' read model (fed from the journal by the coordinator's projection).</summary>
public static class StoreProbe
{
    /// <summary>Polls the store until <paramref name="reached"/> holds for the run and its per-state counts; fails when
    /// <paramref name="process"/> ends first or after three minutes.</summary>
    public static async Task WaitUntilAsync(string output, Process process, string what, Func<RunRecord, Func<string, int>, bool> reached)
    {
        var db = Path.Combine(output, "robustft.db");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the run ended before {what}");
            if (File.Exists(db))
            {
                try
                {
                    var factory = new SqliteConnectionFactory(db);
                    var run = (await new RunStore(factory).ListAsync()).SingleOrDefault();
                    if (run is not null)
                    {
                        var states = await new SampleReadModel(factory).CountByStateAsync(run.RunId);
                        if (reached(run, s => states.GetValueOrDefault(s))) return;
                    }
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                {
                    // schema not created yet, or a write in progress: poll again
                }
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{what} not reached");
    }
}
