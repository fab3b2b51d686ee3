using System.Diagnostics;
using System.Globalization;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Testing.Servers;

namespace RobustFT.Bench.Failover;

/// <summary>
/// Three real <c>robustft node</c> processes (the CLI with the scripted expert backend: tests/RobustFT.TestHost, as
/// the ClusterMode tests run it) on 127.0.0.1, all <c>coordinator,sample,gpu</c>, on their own database of the private
/// PostgreSQL server. The config file includes the shipped <c>hocon/cluster.conf</c> and changes only what a loopback
/// cluster needs (addresses, seeds, the database). The nodes start one after the other, so A is the oldest (it holds
/// the coordinator singleton and the shard coordinator), then B (where the singleton goes next), then C.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> NodeIds = ["node-a", "node-b", "node-c"];
    public const string Roles = "coordinator,sample,gpu";

    private readonly Dictionary<string, (int Akka, int Http)> _ports;
    private readonly Dictionary<string, StampedProcess> _nodes = [];
    private readonly List<StampedProcess> _clients = [];
    private readonly PostgresConnectionFactory _db;
    private readonly FailoverHost _host;

    private FailoverCluster(string directory, string connectionString, Dictionary<string, (int, int)> ports, FailoverHost host)
    {
        Directory = directory;
        _ports = ports;
        _host = host;
        _db = new PostgresConnectionFactory(connectionString, startupAttempts: 1);
        Runs = new RunStore(_db);
        Samples = new SampleReadModel(_db);
    }

    /// <summary>Config file, node logs and the run's output.</summary>
    public string Directory { get; }
    public string ConfigFile => Path.Combine(Directory, "failover.conf");
    public RunStore Runs { get; }
    public SampleReadModel Samples { get; }
    public IDbConnectionFactory Database => _db;

    public StampedProcess this[string nodeId] => _nodes[nodeId];

    /// <summary>"127.0.0.1:port" of the node's remoting.</summary>
    public string SeedAddress(string nodeId) => $"127.0.0.1:{_ports[nodeId].Akka}";

    /// <summary>Whether a member address (akka.tcp://robustft@127.0.0.1:port) is the node's.</summary>
    public bool Owns(string nodeId, string memberAddress) => memberAddress.EndsWith($":{_ports[nodeId].Akka}", StringComparison.Ordinal);

    public static async Task<FailoverCluster> CreateAsync(PostgresServer postgres, string name, string directory, FailoverHost host,
        FailoverOptions options)
    {
        System.IO.Directory.CreateDirectory(directory);
        var connectionString = await postgres.CreateDatabaseAsync(name);
        var free = FreePort.Next(2 * NodeIds.Count);
        var ports = NodeIds.Select((id, i) => (id, free[2 * i], free[2 * i + 1])).ToDictionary(p => p.id, p => (p.Item2, p.Item3));
        var cluster = new FailoverCluster(directory, connectionString, ports, host);
        var clusterConf = Path.Combine(FailoverHost.RepoRoot, "hocon", "cluster.conf");
        await File.WriteAllTextAsync(cluster.ConfigFile, string.Create(CultureInfo.InvariantCulture, $$"""
            # failover bench: the shipped cluster configuration on 127.0.0.1 with a private PostgreSQL database
            include required("{{clusterConf}}")
            robustft {
              cluster {
                hostname = "127.0.0.1"
                public-hostname = "127.0.0.1"
                seed-nodes = ["{{cluster.SeedAddress(NodeIds[0])}}", "{{cluster.SeedAddress(NodeIds[1])}}"]
                {{(options.StableAfter is null ? "" : $"stable-after = {options.StableAfter}")}}
              }
              store.postgres {
                host = "{{postgres.Host}}"
                port = {{postgres.Port}}
                database = "{{name}}"
                username = "{{postgres.Username}}"
                password = ""
              }
            }

            """));
        return cluster;
    }

    /// <summary>Starts the nodes one after the other, each once the previous one is an Up member (/readyz).</summary>
    public async Task StartNodesAsync(IEnumerable<string> settings)
    {
        foreach (var id in NodeIds)
        {
            var (akka, http) = _ports[id];
            var args = new List<string>
            {
                "node", "--config", ConfigFile, "--roles", Roles,
                "--set", $"robustft.node.id={id}",
                "--set", $"robustft.cluster.port={akka}",
                "--set", $"robustft.dashboard.url=\"http://127.0.0.1:{http}\"",
            };
            foreach (var s in settings) args.AddRange(["--set", s]);
            var node = _host.Start(id, args, Path.Combine(Directory, $"{id}.log"));
            _nodes[id] = node;
            await WaitReadyAsync(node, http, TimeSpan.FromSeconds(120));
        }
    }

    /// <summary>Starts <c>robustft submit</c> (it follows the run to its end and exits 0 when it completed).</summary>
    public StampedProcess Submit(string input, string gold, string runId, string output, IEnumerable<string> settings)
    {
        var args = new List<string> { "submit", "--config", ConfigFile, "--input", input, "--task", "arc", "--output", output, "--gold", gold, "--run-id", runId };
        foreach (var s in settings) args.AddRange(["--set", s]);
        var submit = _host.Start("submit", args, Path.Combine(Directory, "submit.log"));
        _clients.Add(submit);
        return submit;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _nodes.Values.Concat(_clients)) p.Dispose();
        await _db.DisposeAsync();
    }

    private static async Task WaitReadyAsync(StampedProcess node, int httpPort, TimeSpan deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            if (node.HasExited) throw new InvalidOperationException($"{node.Name} exited with {node.ExitCode} before it was ready:\n{node.Tail()}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}/readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{node.Name} was not ready within {deadline.TotalSeconds:0} s:\n{node.Tail()}");
    }
}
