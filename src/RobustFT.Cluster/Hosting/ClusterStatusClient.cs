using Akka.Actor;
using Akka.Cluster.Tools.Client;
using System.Collections.Immutable;
using Akka.Configuration;
using RobustFT.Cluster.Nodes;

namespace RobustFT.Cluster.Hosting;

/// <summary>How <c>robustft status</c>, which is not a cluster member, sees the cluster: a small actor system with
/// remoting only runs a ClusterClient whose contacts are the seed nodes' receptionists; it asks the
/// <see cref="ClusterViewActor"/> every node registers with its receptionist, and the answering node's view comes back
/// (members, the coordinator's holder, the GPU workers its dispatcher knows).</summary>
public sealed class ClusterStatusClient : IClusterView, IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _client;
    private readonly TimeSpan _timeout;

    public ClusterStatusClient(ClusterFormation formation, TimeSpan timeout)
    {
        if (formation.SeedNodes.Count == 0) throw new ArgumentException("no seed nodes to ask (configuration key robustft.cluster.seed-nodes)");
        _timeout = timeout;
        SeedNodes = formation.SeedNodes.Select(ClusterAddresses.Seed).ToList();
        var publicHostname = string.IsNullOrWhiteSpace(formation.PublicHostname) ? formation.Hostname : formation.PublicHostname;
        var config = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = ERROR
              stdout-loglevel = OFF
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor.provider = remote
              remote.log-remote-lifecycle-events = off
              remote.dot-netty.tcp { hostname = "{{formation.Hostname}}", public-hostname = "{{publicHostname}}", port = 0 }
              cluster.client.establishing-get-contacts-interval = 1s
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            """).WithFallback(ConfigurationFactory.ParseString(AkkaSettings.ShippedSerialization()))
            .WithFallback(ClusterClientReceptionist.DefaultConfig());
        _system = ActorSystem.Create("robustft-status", config);
        var contacts = SeedNodes.Select(seed => ActorPath.Parse(seed + "/system/receptionist")).ToImmutableHashSet();
        _client = _system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(_system).WithInitialContacts(contacts)), "status-client");
    }

    /// <summary>The receptionists' nodes it contacts (akka.tcp://robustft@host:port).</summary>
    public IReadOnlyList<string> SeedNodes { get; }

    /// <exception cref="TimeoutException">no seed node answered within the timeout.</exception>
    public async Task<ClusterSnapshot> GetAsync(CancellationToken ct)
    {
        try
        {
            var json = await _client.Ask<string>(new ClusterClient.Send("/user/" + RobustFtNode.ClusterViewName, GetClusterSnapshot.Instance, localAffinity: false),
                _timeout, ct);
            return ClusterSnapshotJson.Deserialize(json);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"no cluster node answered within {_timeout.TotalSeconds:F0}s (seed nodes {string.Join(", ", SeedNodes)})", e);
        }
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
