using System.Globalization;
using System.Text;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Servers;
using Xunit.Abstractions;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>
/// A test cluster: its own PostgreSQL database on the shared server, a fixed Akka port and HTTP port per node, a
/// config file pointing at the database with the first node as the seed, and real <c>robustft node</c> /
/// <c>submit</c> / <c>status</c> processes of the test host. Every failure message carries the tails of all process
/// logs; disposing kills whatever still runs and deletes the temporary directory.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string NodeA = "node-a";
    public const string NodeB = "node-b";
    public const string NodeC = "node-c";

    /// <summary>The standard trio: A (the seed) coordinates, B serves inference, C does both; each hosts sample
    /// entities. Two coordinator nodes, so the singleton has somewhere to move; two GPU nodes, so inference survives one.</summary>
    public static readonly IReadOnlyList<(string NodeId, string Roles)> StandardNodes =
    [
        (NodeA, "coordinator,sample"),
        (NodeB, "gpu,sample"),
        (NodeC, "coordinator,gpu,sample"),
    ];

    /// <summary>Split Brain Resolver stable-after of the test clusters: a dead member is downed a few seconds after
    /// it became unreachable (Akka's 20 s default would make every failover test wait ~45 s).</summary>
    public const string StableAfter = "2s";

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);

    private readonly List<NodeProcess> _nodes = [];
    private readonly List<ChildProcess> _clients = [];
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper? _output;
    private readonly DateTime _started = DateTime.UtcNow;

    private ClusterHarness(string name, string database, HostCommand host, string connectionString, IReadOnlyList<NodeSpec> specs, ITestOutputHelper? output)
    {
        _output = output;
        Name = name;
        Database = database;
        Host = host;
        Specs = specs;
        Store = new ClusterStore(connectionString);
    }

    public string Name { get; }

    /// <summary>The cluster's own database on the PostgreSQL server.</summary>
    public string Database { get; }

    public HostCommand Host { get; }
    public ClusterStore Store { get; }
    public IReadOnlyList<NodeSpec> Specs { get; }
    public string ConfigFile => _dir.File("cluster.conf");

    /// <summary>The node process last started under <paramref name="nodeId"/>.</summary>
    public NodeProcess this[string nodeId] => _nodes.Last(n => n.NodeId == nodeId);

    /// <summary>Nodes started and not exited.</summary>
    public IEnumerable<NodeProcess> RunningNodes => _nodes.GroupBy(n => n.NodeId).Select(g => g.Last()).Where(n => !n.HasExited);

    /// <param name="delayPerBatchMs">Sleep per model batch on GPU nodes (the run lasts long enough to hit it mid-run).</param>
    /// <param name="startupAttempts">robustft.store.postgres.startup-attempts of every process.</param>
    /// <param name="nodes">The cluster's nodes (default <see cref="StandardNodes"/>); the first is the seed node.</param>
    /// <param name="output">Where the test's own steps are logged (with seconds since the harness was created).</param>
    public static async Task<ClusterHarness> CreateAsync(PostgresServer postgres, string name, ITestOutputHelper? output = null,
        int delayPerBatchMs = 400, int startupAttempts = 8, IReadOnlyList<(string NodeId, string Roles)>? nodes = null)
    {
        nodes ??= StandardNodes;
        var unique = $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)].ToLowerInvariant();
        var connectionString = await postgres.CreateDatabaseAsync(unique);
        var ports = FreePort.Next(2 * nodes.Count);
        var specs = nodes.Select((n, i) => new NodeSpec(n.NodeId, n.Roles, ports[2 * i], ports[2 * i + 1])).ToList();
        var harness = new ClusterHarness(name, unique, new HostCommand(ClusterServers.Gold, delayPerBatchMs), connectionString, specs, output);
        await File.WriteAllTextAsync(harness.ConfigFile, string.Create(CultureInfo.InvariantCulture, $$"""
            # test cluster {{name}} (RobustFT.ClusterMode.Tests); each node adds its id, port and dashboard.url with --set
            robustft {
              cluster {
                hostname = "127.0.0.1"
                seed-nodes = ["{{specs[0].SeedAddress}}"]
                stable-after = {{StableAfter}}
                request-timeout = 20s
              }
              store {
                kind = postgres
                postgres {
                  host = "{{postgres.Host}}"
                  port = {{postgres.Port}}
                  database = "{{unique}}"
                  username = "{{postgres.Username}}"
                  password = ""
                  startup-attempts = {{startupAttempts}}
                }
              }
              coordinator {
                poll-interval = 100ms
                redrive-after = 10s
              }
              node {
                heartbeat-interval = 1s
                stale-after = 5s
              }
            }

            """));
        harness.Log($"cluster {name}: database {unique}, {string.Join(", ", specs.Select(s => $"{s.NodeId} ({s.Roles}) akka :{s.AkkaPort} http :{s.HttpPort}"))}, seed {specs[0].NodeId}");
        return harness;
    }

    /// <summary>Logs a step of the test to its output.</summary>
    public void Log(string message) =>
        _output?.WriteLine($"{(DateTime.UtcNow - _started).TotalSeconds,6:F1}s {message}");

    public NodeSpec Spec(string nodeId) => Specs.Single(s => s.NodeId == nodeId);

    /// <summary>Starts the node's process (not waiting for it).</summary>
    public NodeProcess StartNode(string nodeId)
    {
        var spec = Spec(nodeId);
        Log($"start {nodeId} ({spec.Roles})");
        var node = NodeProcess.Start(Host, ConfigFile, spec, ClusterServers.MethodSettings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts every node (or the given ones) at once, as a deployment does (so on a fresh database they create
    /// the schema together), and waits until each answers /readyz (an Up member).</summary>
    public async Task StartNodesAsync(IReadOnlyList<string>? nodeIds = null)
    {
        var started = (nodeIds ?? Specs.Select(s => s.NodeId).ToList()).Select(StartNode).ToList();
        await WaitReadyAsync(started);
    }

    /// <summary>Waits until each of <paramref name="nodes"/> answers /readyz.</summary>
    public async Task WaitReadyAsync(IReadOnlyList<NodeProcess> nodes)
    {
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(ReadyDeadline)));
            Log($"ready: {string.Join(", ", nodes.Select(n => n.NodeId))}");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{Name}: the nodes did not all become ready: {e.Message}\n{Logs()}", e);
        }
    }

    /// <summary>kill -9 of the node (no shutdown code runs: the others see it unreachable and the Split Brain
    /// Resolver downs it).</summary>
    public async Task KillNodeAsync(string nodeId)
    {
        Log($"kill -9 {nodeId}");
        await this[nodeId].KillAsync();
    }

    /// <summary>SIGTERM to the node; its exit code (null: had to be killed after <paramref name="timeout"/>).</summary>
    public async Task<int?> StopNodeAsync(string nodeId, TimeSpan timeout)
    {
        Log($"SIGTERM {nodeId}");
        var code = await this[nodeId].StopAsync(timeout);
        Log($"{nodeId} exited with {(code is null ? "nothing (killed)" : code.Value.ToString(CultureInfo.InvariantCulture))}");
        return code;
    }

    /// <summary>SIGTERM to every running node at once; their exit codes (null: had to be killed after 60 s).</summary>
    public async Task<IReadOnlyList<int?>> StopAllNodesAsync()
    {
        var nodes = RunningNodes.ToList();
        Log($"SIGTERM {string.Join(", ", nodes.Select(n => n.NodeId))}");
        var codes = await Task.WhenAll(nodes.Select(n => n.StopAsync(TimeSpan.FromSeconds(60))));
        Log($"stopped with exit codes [{string.Join(", ", codes)}]");
        return codes;
    }

    /// <summary>The cluster's members as <c>robustft status --json</c> reports them, asking the node
    /// <paramref name="via"/> (given as its only contact point and as its dashboard URL, so a dead seed is not asked).</summary>
    public async Task<IReadOnlyList<MemberView>> MembersAsync(string via)
    {
        var spec = Spec(via);
        var result = await Host.RunAsync(TimeSpan.FromSeconds(60), "status", "--config", ConfigFile, "--json",
            "--set", $"robustft.cluster.seed-nodes=[\"{spec.SeedAddress}\"]",
            "--set", $"robustft.dashboard.url=\"http://127.0.0.1:{spec.HttpPort}\"");
        Assert.True(result.ExitCode == 0, Describe($"status --json (via {via}) failed: {result}"));
        return MemberView.ParseStatus(result.Stdout);
    }

    /// <summary>The node whose member holds the coordinator singleton, as the node <paramref name="via"/> sees the
    /// cluster; null when no member reports it.</summary>
    public async Task<string?> CoordinatorHolderAsync(string via)
    {
        var members = await MembersAsync(via);
        var holders = members.Where(m => m.Coordinator).ToList();
        Assert.True(holders.Count <= 1, Describe($"{holders.Count} members report the coordinator singleton: {string.Join(", ", holders.Select(h => h.Address))}"));
        return holders.Count == 0 ? null : Specs.SingleOrDefault(s => s.Owns(holders[0].Address))?.NodeId
            ?? throw new InvalidOperationException(Describe($"the coordinator singleton is on {holders[0].Address}, not a node of this cluster"));
    }

    /// <summary>Starts <c>submit</c> of <paramref name="run"/>'s input (under its run id) into <paramref name="output"/>;
    /// it follows the run to its end.</summary>
    public ChildProcess StartSubmit(BaselineRun run, string output)
    {
        var args = new List<string>
        {
            "submit", "--config", ConfigFile, "--input", run.Input, "--task", "arc", "--output", output, "--gold", run.Gold, "--run-id", run.RunId,
        };
        foreach (var s in ClusterServers.MethodSettings) args.AddRange(["--set", s]);
        Log($"submit {run.RunId} ({run.SampleIds.Count} samples)");
        var submit = Host.Start($"submit {run.RunId}", [.. args]);
        _clients.Add(submit);
        return submit;
    }

    /// <summary>A fresh output directory (absolute) for a cluster run.</summary>
    public string OutputDirectory(string name) => _dir.File(name);

    /// <summary>Waits until the submit process exits and asserts it exited 0 (the run completed).</summary>
    public async Task AssertSubmitSucceedsAsync(ChildProcess submit, TimeSpan deadline)
    {
        int code;
        try
        {
            code = await submit.WaitForExitAsync(deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{Name}: {e.Message}\n{Logs()}", e);
        }
        Log($"{submit.Name} exited {code}");
        Assert.True(code == 0, Describe($"{submit.Name} exited with {code}"));
    }

    /// <summary>Polls <paramref name="condition"/> until true; throws with every log after the deadline or when
    /// <paramref name="watched"/> exits first (the run ended before the point the test waits for).</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan deadline, ChildProcess? watched = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            var exited = watched is { HasExited: true };
            try
            {
                if (await condition())
                {
                    Log($"reached: {what}");
                    return;
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or Npgsql.PostgresException)
            {
                // tables not created yet, or the server restarting: poll again
            }
            if (exited)
                throw new InvalidOperationException(Describe($"{watched!.Name} exited ({watched.ExitCode}) before: {what}"));
            await Task.Delay(100);
        }
        throw new TimeoutException(Describe($"not reached within {deadline.TotalSeconds:0} s: {what}"));
    }

    /// <summary>Waits until the run's phase (runs row) and per-state counts (read model) satisfy <paramref name="reached"/>.</summary>
    public Task WaitForProgressAsync(string what, string runId, Func<RunPhase, Func<string, int>, bool> reached, ChildProcess watched) =>
        WaitUntilAsync(what, async () =>
        {
            var run = await Store.RunAsync(runId);
            if (run is null) return false;
            var counts = await Store.CountByStateAsync(runId);
            var done = reached(run.Phase, state => counts.GetValueOrDefault(state));
            if (done) Log($"run {runId} in {run.Phase}: {string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}"))}");
            return done;
        }, TimeSpan.FromSeconds(120), watched);

    /// <summary>Waits until detection is under way: at least <paramref name="past"/> samples are past their first model
    /// call while the run is still in its first phase.</summary>
    public Task WaitForDetectionAsync(string runId, int past, ChildProcess watched) =>
        WaitForProgressAsync($"detection under way ({past} samples past the first model call)", runId,
            (phase, n) => phase == RunPhase.Detecting
                          && n(SampleStates.Reasoning) + n(SampleStates.Checking) + n(SampleStates.Embedding) + n(SampleStates.Clean) + n(SampleStates.AwaitingIndex) >= past,
            watched);

    /// <summary>Asserts the run has not ended: what the test does next happens mid-run.</summary>
    public async Task AssertNotEndedAsync(string runId, string before)
    {
        var run = await Store.RunAsync(runId);
        Assert.True(run is { Ended: false }, Describe($"the run ended ({run?.Phase}) before {before}"));
    }

    /// <summary>The coordinator node that holds the singleton (asked through <paramref name="via"/>) and the other one,
    /// where the singleton must go when the holder leaves or dies.</summary>
    public async Task<(string Holder, string Survivor)> CoordinatorNodesAsync(string via)
    {
        var holder = await CoordinatorHolderAsync(via);
        Assert.True(holder is NodeA or NodeC, Describe($"the coordinator singleton is on '{holder}', not a coordinator node"));
        return (holder!, holder == NodeA ? NodeC : NodeA);
    }

    /// <summary>The run completed like the uninterrupted baseline: every input sample has exactly one record in the
    /// read model and it is terminal, the exports are byte for byte the baseline's, the report's counts are the
    /// baseline's. Returns the report.</summary>
    public async Task<RunReport> AssertCompletedLikeBaselineAsync(BaselineRun baseline, string output)
    {
        var run = await Store.RunAsync(baseline.RunId);
        Assert.True(run is { Phase: RunPhase.Completed, Ended: true }, Describe($"run {baseline.RunId} is {run?.Phase}, ended {run?.EndedAt}"));

        var records = await Store.Samples.ListAsync(baseline.RunId);
        Assert.True(records.Count == baseline.SampleIds.Count,
            Describe($"run {baseline.RunId} has {records.Count} sample records for {baseline.SampleIds.Count} input samples"));
        Assert.Equal(baseline.SampleIds.Order(StringComparer.Ordinal), records.Select(s => s.SampleId).Order(StringComparer.Ordinal));
        var notTerminal = records.Where(s => !SampleStates.Terminal.Contains(s.CurrentState)).Select(s => $"{s.SampleId}={s.CurrentState}").ToList();
        Assert.True(notTerminal.Count == 0, Describe($"samples not in a terminal state: {string.Join(", ", notTerminal.Take(20))}"));

        foreach (var file in new[] { TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName })
        {
            var path = Path.Combine(output, file);
            Assert.True(File.Exists(path), Describe($"{path} was not written"));
            Assert.True(File.ReadAllBytes(Path.Combine(baseline.Output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(path)),
                Describe($"{file} differs from the uninterrupted run's ({Path.Combine(baseline.Output, file)} vs {path})"));
        }

        var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName)));
        Log($"run {baseline.RunId}: exports equal the baseline's; {report.Exported} exported, {report.CacheHits} cache hits, {report.InferenceCalls} inference calls (baseline {baseline.Report.InferenceCalls})");
        var expected = baseline.Report;
        Assert.Equal(
            (expected.Samples, expected.Rejected, expected.Clean, expected.Noisy, expected.Relabeled, expected.Selected, expected.Exported, expected.Unlabeled, expected.Faulted, expected.Threshold),
            (report.Samples, report.Rejected, report.Clean, report.Noisy, report.Relabeled, report.Selected, report.Exported, report.Unlabeled, report.Faulted, report.Threshold));
        return report;
    }

    /// <summary><paramref name="message"/> followed by the tails of every process's log.</summary>
    public string Describe(string message) => $"{Name}: {message}\n{Logs()}";

    public string Logs()
    {
        var text = new StringBuilder();
        foreach (var node in _nodes) text.AppendLine(node.Describe());
        foreach (var client in _clients)
            text.AppendLine($"--- {client.Name} ({(client.HasExited ? $"exited {client.ExitCode}" : "running")}) ---").AppendLine(client.Tail(15));
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Where(n => !n.HasExited).Select(n => n.KillAsync()));
        foreach (var node in _nodes) node.Dispose();
        foreach (var client in _clients) client.Dispose();
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
