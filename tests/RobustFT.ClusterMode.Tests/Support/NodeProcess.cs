using System.Net;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One <c>robustft node</c> process of a test cluster on its fixed ports (<see cref="NodeSpec"/>).</summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private NodeProcess(NodeSpec spec, ChildProcess process)
    {
        Spec = spec;
        Process = process;
    }

    public NodeSpec Spec { get; }
    public string NodeId => Spec.NodeId;
    public string Roles => Spec.Roles;
    public ChildProcess Process { get; }
    public bool HasExited => Process.HasExited;

    /// <summary>Starts <c>robustft node --config F --roles R</c> with the node's id, Akka port and dashboard URL set.</summary>
    public static NodeProcess Start(HostCommand host, string configFile, NodeSpec spec, IEnumerable<string> settings)
    {
        var args = new List<string>
        {
            "node", "--config", configFile, "--roles", spec.Roles,
            "--set", $"robustft.node.id={spec.NodeId}",
            "--set", $"robustft.cluster.port={spec.AkkaPort}",
            "--set", $"robustft.dashboard.url=\"http://127.0.0.1:{spec.HttpPort}\"",
        };
        foreach (var s in settings) args.AddRange(["--set", s]);
        return new NodeProcess(spec, host.Start($"node {spec.NodeId} ({spec.Roles}, akka :{spec.AkkaPort}, http :{spec.HttpPort})", [.. args]));
    }

    /// <summary>GET /readyz: 200 once this node is an Up member of the cluster.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{Spec.HttpPort}/readyz");
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
            await Task.Delay(200);
        }
        throw new TimeoutException($"node {NodeId} was not ready on :{Spec.HttpPort}/readyz within {deadline.TotalSeconds:0} s:\n{Process.Tail()}");
    }

    /// <summary>kill -9 of the node (and anything it started).</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM and a wait for a clean exit; null when it had to be killed after <paramref name="timeout"/>.</summary>
    public Task<int?> StopAsync(TimeSpan timeout) => Process.TerminateAsync(timeout);

    public string Describe(int lines = 30) =>
        $"--- node {NodeId} ({Roles}, pid {Process.Id}, {(HasExited ? $"exited {Process.ExitCode}" : "running")}) ---\n{Process.Tail(lines)}";

    public void Dispose() => Process.Dispose();
}
