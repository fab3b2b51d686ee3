using RobustFT.ClusterMode.Tests.Support;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;

namespace RobustFT.ClusterMode.Tests.Failures;

/// <summary>Every node creates the store's schema when it starts, so nodes started together (a deployment rolled out,
/// a cluster restarted) race on <c>CREATE TABLE IF NOT EXISTS</c>, which PostgreSQL does not make atomic: without a
/// lock the losers fail with a unique violation in <c>pg_type</c>. This runs the same schema steps as
/// <c>RobustFtNode.StartAsync</c> and <c>submit</c>, from separate connection pools at once, on fresh databases.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SchemaCreationRaceTests(ClusterServers servers)
{
    private const int Nodes = 6;
    private const int Rounds = 5;

    [Fact]
    public async Task Nodes_starting_together_on_a_fresh_database_all_create_the_schema()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var connectionString = await servers.Postgres.CreateDatabaseAsync($"schema_race_{Guid.NewGuid():N}"[..24]);
            using var go = new ManualResetEventSlim();
            var nodes = Enumerable.Range(0, Nodes).Select(_ => Task.Run(async () =>
            {
                await using var db = new PostgresConnectionFactory(connectionString, startupAttempts: 1);
                await db.WaitUntilReachableAsync();
                go.Wait();
                await new RunDatabase(db).EnsureSchemaAsync();
            })).ToList();
            go.Set();

            var failures = new List<string>();
            foreach (var node in nodes)
            {
                try
                {
                    await node;
                }
                catch (Npgsql.PostgresException e)
                {
                    var frame = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("RobustFT.Cluster", StringComparison.Ordinal))?.Trim();
                    failures.Add($"{e.SqlState} {e.MessageText} {frame}");
                }
            }
            Assert.True(failures.Count == 0,
                $"round {round + 1}: {failures.Count} of {Nodes} nodes failed to create the schema:\n{string.Join("\n", failures)}");
        }
    }
}
