using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Dashboard.Api;

namespace RobustFT.Dashboard.Tests.Logic;

/// <summary><c>GET /api/nodes</c> from a cluster view: members as the view reports them, each member's GPU worker count,
/// and each worker's figures with its status age; a worker whose last status is older than stale-after is stale.</summary>
public sealed class NodesDocumentTests
{
    private const string Seed = "akka.tcp://robustft@10.0.0.1:4053";
    private const string Gpu = "akka.tcp://robustft@10.0.0.2:4053";

    [Fact]
    public async Task Members_and_workers_come_from_the_cluster_view_and_a_silent_worker_turns_stale()
    {
        var now = DateTimeOffset.UtcNow;
        var view = new SnapshotView(new ClusterSnapshot(
            [
                new ClusterMember(Gpu, ["gpu"], "Up", false, false),
                new ClusterMember(Seed, ["coordinator", "sample"], "Up", true, true),
            ],
            [
                new WorkerStatus(Gpu, "cuda:1", "cuda", "llama", 64, 12, 250, 7.5, 1000, 100, now.AddMinutes(-1)),
                new WorkerStatus(Gpu, "cuda:0", "cuda", "llama", 64, 3, 900, 30.5, 5000, 400, now.AddSeconds(-1)),
            ]));
        var nodes = await ListNodesAsync(view);

        Assert.Equal(10, nodes.StaleAfterSeconds);
        Assert.Equal([(Gpu, "gpu", "Up", false, false, 2), (Seed, "coordinator,sample", "Up", true, true, 0)],
            nodes.Nodes.Select(n => (n.Address, string.Join(',', n.Roles), n.Status, n.Reachable, n.Coordinator, n.Workers)));
        Assert.Equal(["cuda:0", "cuda:1"], nodes.Workers.Select(w => w.Device));
        var (fresh, silent) = (nodes.Workers[0], nodes.Workers[1]);
        Assert.False(fresh.Stale);
        Assert.InRange(fresh.StatusAgeSeconds, 1, 9);
        Assert.Equal((3, 900.0, 30.5, 64, 5000L, 400L), (fresh.QueueDepth, fresh.TokensPerSecond, fresh.BatchFill, fresh.Capacity, fresh.Tokens, fresh.Requests));
        Assert.True(silent.Stale);
        Assert.True(silent.StatusAgeSeconds >= 60);
        Assert.Equal(("cuda", 12, 250.0, 7.5), (silent.ExecutionProvider, silent.QueueDepth, silent.TokensPerSecond, silent.BatchFill));
    }

    [Fact]
    public async Task Without_a_cluster_view_the_document_has_no_members_and_no_workers()
    {
        var nodes = await ListNodesAsync(null);

        Assert.Empty(nodes.Nodes);
        Assert.Empty(nodes.Workers);
    }

    /// <summary><c>ListNodesAsync</c> of queries over an empty SQLite store (the nodes document reads no table).</summary>
    private static async Task<NodesResponse> ListNodesAsync(IClusterView? view)
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-nodes-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteConnectionFactory(Path.Combine(directory, "robustft.db"));
        try
        {
            return await new DashboardQueries(new RunStore(store), new SampleReadModel(store), view, TimeSpan.FromSeconds(10)).ListNodesAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class SnapshotView(ClusterSnapshot snapshot) : IClusterView
    {
        public Task<ClusterSnapshot> GetAsync(CancellationToken ct) => Task.FromResult(snapshot);
    }
}
