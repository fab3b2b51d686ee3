using System.Net;
using System.Net.Sockets;

namespace RobustFT.Cluster.Hosting;

/// <summary>The remoting endpoint and seed nodes a node starts with: <c>robustft.cluster.port = 0</c> becomes a free port
/// picked now (Akka cannot seed itself with port 0), and with no seed nodes configured the node seeds itself.</summary>
public sealed record ClusterAddresses(string Hostname, string PublicHostname, int Port, IReadOnlyList<string> SeedNodes)
{
    public const string SystemName = "robustft";

    /// <summary>This node's own address as the other members see it.</summary>
    public string Self => Address(PublicHostname, Port);

    public static ClusterAddresses Resolve(ClusterFormation formation)
    {
        var hostname = formation.Hostname;
        var publicHostname = string.IsNullOrWhiteSpace(formation.PublicHostname) ? hostname : formation.PublicHostname;
        var port = formation.Port == 0 ? FreePort(hostname) : formation.Port;
        var seeds = formation.SeedNodes.Count == 0
            ? [Address(publicHostname, port)]
            : formation.SeedNodes.Select(Seed).ToList();
        return new ClusterAddresses(hostname, publicHostname, port, seeds);
    }

    /// <summary>akka.tcp://robustft@host:port of a "host:port" seed (config <c>robustft.cluster.seed-nodes</c>).</summary>
    public static string Seed(string hostPort)
    {
        if (hostPort.StartsWith("akka.tcp://", StringComparison.Ordinal)) return hostPort;
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"configuration key robustft.cluster.seed-nodes: '{hostPort}' is not host:port with a port 1-65535");
        return Address(hostPort[..colon], port);
    }

    public static string Address(string host, int port) => $"akka.tcp://{SystemName}@{host}:{port}";

    private static int FreePort(string hostname)
    {
        var address = IPAddress.TryParse(hostname, out var ip) ? ip : IPAddress.Any;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
