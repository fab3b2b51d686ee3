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
/// A test cluster: its own PostgreSQL database and RabbitMQ virtual host on the shared servers, a config file pointing
/// at them, and real <c>robustft node</c> / <c>submit</c> processes of the test host. Every failure message carries the
/// tails of all process logs; disposing kills whatever still runs and deletes the temporary directory.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string NodeA = "node-a";
    public const string NodeB = "node-b";
    public const string NodeC = "node-c";

    /// <summary>The standard trio: A coordinates, B serves inference, C does both (each also hosts sagas).</summary>
    public static readonly IReadOnlyList<(string NodeId, string Roles)> StandardNodes =
    [
        (NodeA, "coordinator,sample"),
        (NodeB, "gpu,sample"),
        (NodeC, "coordinator,gpu,sample"),
    ];

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    private readonly List<NodeProcess> _nodes = [];
    private readonly List<ChildProcess> _clients = [];
    private readonly TempDir _dir = new();

    private readonly ITestOutputHelper? _output;
    private readonly DateTime _started = DateTime.UtcNow;

    private ClusterHarness(string name, HostCommand host, string connectionString, ITestOutputHelper? output)
    {
        _output = output;
        Name = name;
        Host = host;
        Store = new ClusterStore(connectionString);
    }

    public string Name { get; }
    public HostCommand Host { get; }
    public ClusterStore Store { get; }
    public string ConfigFile => _dir.File("cluster.conf");

    /// <summary>The node process last started under <paramref name="nodeId"/>.</summary>
    public NodeProcess this[string nodeId] => _nodes.Last(n => n.NodeId == nodeId);

    /// <summary>Nodes started and not exited.</summary>
    public IEnumerable<NodeProcess> RunningNodes => _nodes.GroupBy(n => n.NodeId).Select(g => g.Last()).Where(n => !n.HasExited);

    /// <param name="delayPerBatchMs">Sleep per model batch on GPU nodes.</param>
    /// <param name="startupAttempts">robustft.store.postgres.startup-attempts of every process.</param>
    /// <param name="output">Where the test's own steps are logged (with seconds since the harness was created).</param>
    public static async Task<ClusterHarness> CreateAsync(RabbitMqServer rabbit, PostgresServer postgres, string name,
        ITestOutputHelper? output = null, int delayPerBatchMs = 100, int startupAttempts = 8)
    {
        var unique = $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)].ToLowerInvariant();
        var connectionString = await postgres.CreateDatabaseAsync(unique);
        await rabbit.AddVirtualHostAsync(unique);
        var harness = new ClusterHarness(name, new HostCommand(ClusterServers.Gold, delayPerBatchMs), connectionString, output);
        await File.WriteAllTextAsync(harness.ConfigFile, string.Create(CultureInfo.InvariantCulture, $$"""
            # test cluster {{name}} (RobustFT.ClusterMode.Tests)
            robustft {
              transport {
                kind = rabbitmq
                host = "{{rabbit.Host}}"
                port = {{rabbit.Port}}
                virtual-host = "{{unique}}"
                username = "{{rabbit.Username}}"
                password = "{{rabbit.Password}}"
                quorum-queues = false
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
                redrive-after = 5s
                lease-ttl = 3s
              }
              node {
                heartbeat-interval = 1s
              }
            }

            """));
        return harness;
    }

    /// <summary>Logs a step of the test to its output.</summary>
    public void Log(string message) =>
        _output?.WriteLine($"{(DateTime.UtcNow - _started).TotalSeconds,6:F1}s {message}");

    public NodeProcess StartNode(string nodeId, string roles)
    {
        Log($"start {nodeId} ({roles})");
        var node = NodeProcess.Start(Host, ConfigFile, nodeId, roles, FreePort.Next(), ClusterServers.MethodSettings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts the given nodes (the standard trio by default) all at once, as a deployment does (so on a fresh
    /// database they create the schema together), and waits until each answers /readyz.</summary>
    public async Task StartNodesAsync(IReadOnlyList<(string NodeId, string Roles)>? nodes = null)
    {
        nodes ??= StandardNodes;
        var started = new List<NodeProcess>();
        try
        {
            started.AddRange(nodes.Select(n => StartNode(n.NodeId, n.Roles)));
            await Task.WhenAll(started.Select(n => n.WaitReadyAsync(ReadyDeadline)));
            Log($"ready: {string.Join(", ", started.Select(n => n.NodeId))}");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{Name}: the nodes did not all become ready: {e.Message}\n{Logs()}", e);
        }
    }

    /// <summary>kill -9 of the node (no shutdown code runs: leases, heartbeat rows and unacknowledged messages stay behind).</summary>
    public async Task KillNodeAsync(string nodeId)
    {
        Log($"kill -9 {nodeId}");
        await this[nodeId].KillAsync();
    }

    /// <summary>SIGTERM to every running node at once; their exit codes (null: had to be killed after 30 s).</summary>
    public async Task<IReadOnlyList<int?>> StopAllNodesAsync()
    {
        var nodes = RunningNodes.ToList();
        Log($"SIGTERM {string.Join(", ", nodes.Select(n => n.NodeId))}");
        var codes = await Task.WhenAll(nodes.Select(n => n.StopAsync(TimeSpan.FromSeconds(30))));
        Log($"stopped with exit codes [{string.Join(", ", codes)}]");
        return codes;
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

    /// <summary>Polls <paramref name="condition"/> (reading the store) until true; throws with every log after the
    /// deadline or when <paramref name="watched"/> exits first (the run ended before the point the test waits for).</summary>
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

    /// <summary>Waits until the run's phase and per-state counts satisfy <paramref name="reached"/>.</summary>
    public Task WaitForProgressAsync(string what, string runId, Func<RunPhase, Func<string, int>, bool> reached, ChildProcess watched) =>
        WaitUntilAsync(what, async () =>
        {
            var run = await Store.RunAsync(runId);
            if (run is null) return false;
            var counts = await Store.CountByStateAsync(runId);
            var done = reached(run.Phase, state => counts.GetValueOrDefault(state));
            if (done) Log($"run {runId} in {run.Phase}: {string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}"))}");
            return done;
        }, TimeSpan.FromSeconds(90), watched);

    /// <summary>The run completed like the uninterrupted baseline: every input sample has exactly one saga row and it is
    /// terminal, the exports are byte for byte the baseline's, the report's counts are the baseline's. Returns the report.</summary>
    public async Task<RunReport> AssertCompletedLikeBaselineAsync(BaselineRun baseline, string output)
    {
        var run = await Store.RunAsync(baseline.RunId);
        Assert.True(run is { Phase: RunPhase.Completed, Ended: true }, Describe($"run {baseline.RunId} is {run?.Phase}, ended {run?.EndedAt}"));

        var sagas = await Store.Sagas.ListAsync(baseline.RunId);
        Assert.True(sagas.Count == baseline.SampleIds.Count,
            Describe($"run {baseline.RunId} has {sagas.Count} saga rows for {baseline.SampleIds.Count} input samples"));
        Assert.Equal(baseline.SampleIds.Order(StringComparer.Ordinal), sagas.Select(s => s.SampleId).Order(StringComparer.Ordinal));
        var notTerminal = sagas.Where(s => !SampleStates.Terminal.Contains(s.CurrentState)).Select(s => $"{s.SampleId}={s.CurrentState}").ToList();
        Assert.True(notTerminal.Count == 0, Describe($"samples not in a terminal state: {string.Join(", ", notTerminal.Take(20))}"));

        foreach (var file in new[] { TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName })
        {
            var path = Path.Combine(output, file);
            Assert.True(File.Exists(path), Describe($"{path} was not written"));
            Assert.True(File.ReadAllBytes(Path.Combine(baseline.Output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(path)),
                Describe($"{file} differs from the uninterrupted run's ({Path.Combine(baseline.Output, file)} vs {path})"));
        }

        var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName)));
        Log($"run {baseline.RunId}: exports equal the baseline's; {report.Exported} exported, {report.CacheHits} cache hits, {report.InferenceCalls} inference calls");
        var expected = baseline.Report;
        Assert.Equal(
            (expected.Samples, expected.Rejected, expected.Clean, expected.Noisy, expected.Relabeled, expected.Selected, expected.Exported, expected.Faulted, expected.Threshold),
            (report.Samples, report.Rejected, report.Clean, report.Noisy, report.Relabeled, report.Selected, report.Exported, report.Faulted, report.Threshold));
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
