using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;

namespace RobustFT.Bench.Scaling;

/// <summary>The settings of a bench node: the shipped defaults (hocon/robustft.conf) with the bench's worker and
/// coordinator settings, the store, this node's roles and port and the seed.</summary>
/// <param name="AkkaOverrides">HOCON applied over the shipped <c>akka</c> section (empty: the shipped one as it is).</param>
public sealed record BenchRuntime(RobustFtConfig Defaults, WorkerOptions Worker, CoordinatorOptions Coordination, string AkkaOverrides = "")
{
    /// <summary>The read journal's polling (<c>refresh-interval</c>) and its gap re-check
    /// (<c>journal-sequence-retrieval.query-delay</c>) set to <paramref name="delay"/>, with max-tries keeping the
    /// 10 s a gap may wait for a slow commit (shipped: 50 ms × 200; Akka.Persistence.Sql's own defaults: 1 s × 10).</summary>
    public static string ProjectionDelay(TimeSpan delay) =>
        $"akka.persistence.query.journal.sql {{ refresh-interval = {(long)delay.TotalMilliseconds}ms\n " +
        $"journal-sequence-retrieval {{ query-delay = {(long)delay.TotalMilliseconds}ms\n max-tries = {Math.Max(1, (int)Math.Ceiling(10_000 / Math.Max(1, delay.TotalMilliseconds)))} }} }}";

    public static BenchRuntime Shipped() => Shipped(_ => _, _ => _);

    public static BenchRuntime Shipped(Func<WorkerOptions, WorkerOptions> worker, Func<CoordinatorOptions, CoordinatorOptions> coordination)
    {
        var defaults = new RobustFtConfig(ConfigLoader.Load(null, null));
        return new BenchRuntime(defaults, worker(defaults.Worker()), coordination(defaults.Coordinator()));
    }

    /// <summary>Connections per pool at most. Every node of the set runs in this process against one PostgreSQL server
    /// (max_connections 200): each node's store has its own Npgsql pool and Akka.Persistence.Sql's connections share one
    /// more (same connection string); Npgsql's default of 100 per pool let the GPU nodes' cache and journal writes and
    /// the entities' recoveries exhaust the server ("53300: sorry, too many clients already") at 2 GPU nodes.</summary>
    public const int MaxPoolSize = 20;

    public static string CappedPool(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;

    /// <summary>A store on the SQLite file <paramref name="sqlitePath"/> or, when given, the PostgreSQL database.</summary>
    public IDbConnectionFactory Store(string? postgresConnectionString, string sqlitePath) => postgresConnectionString is null
        ? new SqliteConnectionFactory(sqlitePath)
        : new PostgresConnectionFactory(postgresConnectionString, Defaults.Reader.Int("robustft.store.postgres.startup-attempts"));

    /// <param name="seedPort">The seed's port; null: the node seeds itself.</param>
    public RuntimeOptions Node(NodeRoles roles, int port, int? seedPort, IDbConnectionFactory store)
    {
        var cluster = Defaults.Cluster() with { Port = port, SeedNodes = seedPort is { } seed ? [$"127.0.0.1:{seed}"] : [] };
        return new RuntimeOptions(roles, cluster, store, Worker, Coordination, Defaults.Entity(), Defaults.Reader.Duration("robustft.node.heartbeat-interval"))
        {
            Akka = AkkaOverrides.Length == 0 ? null : AkkaSettings.Shipped() + "\n" + AkkaOverrides,
        };
    }
}
