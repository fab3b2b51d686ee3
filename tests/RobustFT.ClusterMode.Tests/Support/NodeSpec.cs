namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One node of a test cluster, fixed when the harness is created: its id, roles, the free port its Akka
/// remoting binds (seed nodes are addressed by it) and the free port of its HTTP endpoints (/healthz, /readyz, API).</summary>
public sealed record NodeSpec(string NodeId, string Roles, int AkkaPort, int HttpPort)
{
    /// <summary>"host:port", as <c>robustft.cluster.seed-nodes</c> lists it.</summary>
    public string SeedAddress => $"127.0.0.1:{AkkaPort}";

    /// <summary>Whether a member address reported by the cluster (akka.tcp://robustft@127.0.0.1:port) is this node's.</summary>
    public bool Owns(string memberAddress) => memberAddress.EndsWith($":{AkkaPort}", StringComparison.Ordinal);
}
