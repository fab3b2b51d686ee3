using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RobustFT.Cli.Tests.EndToEnd;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;
using RobustFT.Testing.Servers;

namespace RobustFT.Cli.Tests.Commands;

/// <summary><c>submit</c>, <c>node</c>, <c>status</c> and <c>run --dashboard</c> as real child processes on one machine (a
/// shared SQLite store; the node is a one-node cluster with every role on 127.0.0.1). The multi-node PostgreSQL failures
/// are in tests/RobustFT.ClusterMode.Tests.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NodeAndSubmitTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_detached_submission_is_driven_to_completion_by_a_node_and_followed_by_submit()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = Subset(SharedData.File("arc", "noisy30.csv"), dir.File("input.csv"), rows: 60);
        var output = dir.File("out");
        var host = ScriptedRun.Host(gold, delayMs: 5);
        string[] submit = ["submit", "--input", input, "--task", "arc", "--output", output, "--gold", gold];

        var detached = await host.RunAsync(TimeSpan.FromMinutes(1), [.. submit, "--detach"]);
        Assert.True(detached.ExitCode == 0, detached.ToString());
        var runId = detached.Stdout.Trim();
        Assert.StartsWith("run-", runId);
        var waiting = await StatusAsync(host, output);
        Assert.Equal("Detecting", waiting.GetProperty("runs")[0].GetProperty("run").GetProperty("phase").GetString());
        Assert.False(waiting.GetProperty("runs")[0].GetProperty("run").GetProperty("ended").GetBoolean());

        var port = FreePort.Next();
        var clusterPort = FreePort.Next();
        var store = $"robustft.store.sqlite-path={Path.Combine(output, "robustft.db")}";
        using var node = host.Start("node", "--roles", "coordinator,sample,gpu,dashboard", "--node-id", "node-under-test",
            "--set", store, "--set", $"robustft.cluster.port={clusterPort}",
            "--set", $"robustft.dashboard.url=http://127.0.0.1:{port}",
            "--set", "robustft.coordinator.poll-interval=50ms", "--set", "robustft.node.heartbeat-interval=500ms");
        var nodeErr = node.StandardError.ReadToEndAsync();
        _ = node.StandardOutput.ReadToEndAsync();
        try
        {
            await PollAsync(async () => (await GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode == HttpStatusCode.OK, node, "node ready");
            await PollAsync(async () =>
            {
                var runs = JsonDocument.Parse(await (await GetAsync($"http://127.0.0.1:{port}/api/runs")).Content.ReadAsStringAsync()).RootElement.GetProperty("runs");
                return runs.GetArrayLength() == 1 && runs[0].GetProperty("ended").GetBoolean();
            }, node, "run ended");

            // status is no cluster member: it asks the seed node's receptionist through a ClusterClient.
            var running = await ClusterStatusAsync(host, store, clusterPort);
            Assert.True(running.ExitCode == 0, running.ToString());
            var document = JsonDocument.Parse(running.Stdout).RootElement;
            var member = Assert.Single(document.GetProperty("nodes").EnumerateArray());
            Assert.Equal($"akka.tcp://robustft@127.0.0.1:{clusterPort}", member.GetProperty("address").GetString());
            Assert.Equal(["coordinator", "dashboard", "gpu", "sample"], member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(("Up", true, true), (member.GetProperty("status").GetString(), member.GetProperty("reachable").GetBoolean(), member.GetProperty("coordinator").GetBoolean()));
            var worker = Assert.Single(document.GetProperty("workers").EnumerateArray());
            Assert.Equal(($"akka.tcp://robustft@127.0.0.1:{clusterPort}", "cpu"), (worker.GetProperty("address").GetString(), worker.GetProperty("device").GetString()));
            Assert.True(worker.GetProperty("requests").GetInt64() > 0);
            Assert.Equal("Completed", document.GetProperty("runs")[0].GetProperty("run").GetProperty("phase").GetString());

            var followed = await host.RunAsync(TimeSpan.FromMinutes(1), submit);
            Assert.True(followed.ExitCode == 0, followed.ToString());
        }
        finally
        {
            await StopAsync(node);
        }
        Assert.True(node.ExitCode == 0, $"node exit {node.ExitCode}: {await nodeErr}");

        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(output, RunReport.FileName)));
        Assert.Equal(60, report.Samples);
        Assert.False(report.Partial);
        Assert.Equal(0, report.Faulted);
        Assert.True(report.Exported > 0 && report.Exported <= report.Samples);
        Assert.True(File.Exists(Path.Combine(output, TrainingExporter.AlpacaFileName)));
        Assert.Contains($"cluster address akka.tcp://robustft@127.0.0.1:{clusterPort}", await nodeErr);
        var after = await StatusAsync(host, output);
        Assert.Equal("Completed", after.GetProperty("runs")[0].GetProperty("run").GetProperty("phase").GetString());
        Assert.Empty(after.GetProperty("nodes").EnumerateArray());
        var gone = await ClusterStatusAsync(host, store, clusterPort);
        Assert.True(gone.ExitCode == 0, gone.ToString());
        Assert.Contains("no cluster is reachable", gone.Stderr);
        Assert.Empty(JsonDocument.Parse(gone.Stdout).RootElement.GetProperty("nodes").EnumerateArray());
    }

    [Fact]
    public async Task Submit_warns_while_no_coordinator_takes_the_run()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = Subset(SharedData.File("arc", "noisy30.csv"), dir.File("input.csv"), rows: 10);
        using var submit = ScriptedRun.Host(gold).Start("submit", "--input", input, "--task", "arc", "--output", dir.File("out"), "--gold", gold,
            "--set", "robustft.node.stale-after=1s");
        _ = submit.StandardOutput.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            var seen = new List<string>();
            while (DateTime.UtcNow < deadline && await submit.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) is { } line)
            {
                seen.Add(line);
                if (line.Contains("no coordinator has taken it", StringComparison.Ordinal)) return;
            }
            Assert.Fail("submit never warned that no coordinator took the run:\n" + string.Join('\n', seen));
        }
        finally
        {
            submit.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Run_with_dashboard_serves_health_and_the_api_while_it_runs()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = Subset(SharedData.File("arc", "noisy30.csv"), dir.File("input.csv"), rows: 40);
        var port = FreePort.Next();
        var host = ScriptedRun.Host(gold, delayMs: 40);
        using var run = host.Start(ScriptedRun.Args(input, "arc", dir.File("out"), gold, "--dashboard", $"http://127.0.0.1:{port}"));
        var stderr = run.StandardError.ReadToEndAsync();
        _ = run.StandardOutput.ReadToEndAsync();

        var seenWhileRunning = false;
        await PollAsync(async () =>
        {
            if (run.HasExited) return true;
            var health = await GetAsync($"http://127.0.0.1:{port}/healthz");
            var runs = await GetAsync($"http://127.0.0.1:{port}/api/runs");
            if (health.StatusCode != HttpStatusCode.OK || runs.StatusCode != HttpStatusCode.OK) return false;
            var list = JsonDocument.Parse(await runs.Content.ReadAsStringAsync()).RootElement.GetProperty("runs");
            seenWhileRunning = list.GetArrayLength() == 1 && list[0].GetProperty("samples").GetInt32() == 40 && !run.HasExited;
            return seenWhileRunning;
        }, run, "dashboard answering", allowExit: true);

        await run.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, await stderr);
        Assert.True(seenWhileRunning, "the dashboard never answered while the run was running: " + await stderr);
        Assert.Contains($"dashboard: http://127.0.0.1:{port}", await stderr);
    }

    [Fact]
    public async Task A_node_with_an_unknown_role_is_a_usage_error()
    {
        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "node", "--roles", "coordinator,planner");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--roles: 'planner'", result.Stderr);
    }

    private static string Subset(string source, string target, int rows)
    {
        File.WriteAllLines(target, File.ReadLines(source).Take(rows + 1));
        return target;
    }

    private static async Task<JsonElement> StatusAsync(CliProcess host, string output)
    {
        var status = await host.RunAsync(TimeSpan.FromMinutes(1), "status", "--output", output, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        return JsonDocument.Parse(status.Stdout).RootElement.Clone();
    }

    /// <summary><c>status --json</c> over the store, with the cluster reached through its seed node.</summary>
    private static Task<CliResult> ClusterStatusAsync(CliProcess host, string store, int clusterPort) =>
        host.RunAsync(TimeSpan.FromMinutes(1), "status", "--json", "--set", store, "--set", $"robustft.cluster.seed-nodes=[\"127.0.0.1:{clusterPort}\"]",
            "--set", "robustft.cluster.status-timeout=5s");

    private static async Task<HttpResponseMessage> GetAsync(string url)
    {
        try
        {
            return await Http.GetAsync(url);
        }
        catch (HttpRequestException)
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Process process, string what, bool allowExit = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (!allowExit && process.HasExited) Assert.Fail($"process exited ({process.ExitCode}) while waiting for {what}");
            if (await condition()) return;
            await Task.Delay(200);
        }
        Assert.Fail($"timed out waiting for {what}");
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod, then wait for the clean shutdown.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
