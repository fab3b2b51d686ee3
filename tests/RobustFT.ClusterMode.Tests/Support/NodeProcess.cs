using System.Net;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One <c>robustft node</c> process of a test cluster: its id (what the nodes and run_leases tables name),
/// roles and HTTP port (<c>/readyz</c>).</summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private NodeProcess(string nodeId, string roles, int httpPort, ChildProcess process)
    {
        NodeId = nodeId;
        Roles = roles;
        HttpPort = httpPort;
        Process = process;
    }

    public string NodeId { get; }
    public string Roles { get; }
    public int HttpPort { get; }
    public ChildProcess Process { get; }
    public bool HasExited => Process.HasExited;

    public static NodeProcess Start(HostCommand host, string configFile, string nodeId, string roles, int httpPort, IEnumerable<string> settings)
    {
        var args = new List<string>
        {
            "node", "--config", configFile, "--roles", roles, "--node-id", nodeId, "--set", $"robustft.dashboard.url=\"http://127.0.0.1:{httpPort}\"",
        };
        foreach (var s in settings) args.AddRange(["--set", s]);
        return new NodeProcess(nodeId, roles, httpPort, host.Start($"node {nodeId} ({roles})", [.. args]));
    }

    /// <summary>GET /readyz: 200 once the node's bus is up.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{HttpPort}/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls /readyz until 200; throws with the node's log when it exits first or the deadline passes.</summary>
    public async Task WaitReadyAsync(TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (HasExited)
                throw new InvalidOperationException($"node {NodeId} exited with {Process.ExitCode} before it was ready:\n{Process.Tail()}");
            if (await IsReadyAsync()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"node {NodeId} was not ready on :{HttpPort}/readyz within {deadline.TotalSeconds:0} s:\n{Process.Tail()}");
    }

    /// <summary>kill -9 of the node (and anything it started).</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM and a wait for a clean exit; null when it had to be killed after <paramref name="timeout"/>.</summary>
    public Task<int?> StopAsync(TimeSpan timeout) => Process.TerminateAsync(timeout);

    public string Describe(int lines = 30) =>
        $"--- node {NodeId} ({Roles}, pid {Process.Id}, {(HasExited ? $"exited {Process.ExitCode}" : "running")}) ---\n{Process.Tail(lines)}";

    public void Dispose() => Process.Dispose();
}
