using Akka.Actor;
using RobustFT.Cluster.Nodes;

namespace RobustFT.Cluster.Hosting;

/// <summary>Answers <see cref="GetClusterSnapshot"/> with the node's <see cref="IClusterView"/> snapshot as JSON text.
/// Registered with the ClusterClient receptionist on every node, so <c>robustft status</c>, which is not a cluster
/// member, reaches it through a ClusterClient on the seed nodes (<see cref="ClusterStatusClient"/>).</summary>
public sealed class ClusterViewActor : ReceiveActor
{
    public ClusterViewActor(IClusterView view)
    {
        ReceiveAsync<GetClusterSnapshot>(async _ =>
        {
            var sender = Sender;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            sender.Tell(ClusterSnapshotJson.Serialize(await view.GetAsync(timeout.Token)));
        });
    }
}
