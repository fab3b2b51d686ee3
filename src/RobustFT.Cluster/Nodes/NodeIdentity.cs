using System.Security.Cryptography;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Nodes;

/// <summary>Who a node is: a stable id (configured, or host-pid-random), its roles and execution provider.</summary>
public sealed record NodeIdentity(string NodeId, NodeRoles Roles, string Host, int ProcessId, string ExecutionProvider, DateTimeOffset StartedAt)
{
    public static NodeIdentity ForThisProcess(NodeRoles roles, string executionProvider, string? nodeId = null)
    {
        var host = Environment.MachineName;
        var pid = Environment.ProcessId;
        var id = string.IsNullOrWhiteSpace(nodeId) ? $"{host}-{pid}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}" : nodeId;
        return new NodeIdentity(id, roles, host, pid, executionProvider, DateTimeOffset.UtcNow);
    }
}
