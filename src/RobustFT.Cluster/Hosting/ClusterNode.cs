using Akka.Actor;
using Akka.Cluster;

namespace RobustFT.Cluster.Hosting;

/// <summary>The cluster of an actor system that is a cluster node; null for a plain local actor system (tests run some
/// actors in one), so an actor subscribes to cluster events only where there are any.</summary>
public static class ClusterNode
{
    public static Akka.Cluster.Cluster? Of(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider is ClusterActorRefProvider ? Akka.Cluster.Cluster.Get(system) : null;
}
