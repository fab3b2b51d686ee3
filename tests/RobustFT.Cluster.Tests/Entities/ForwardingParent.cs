using Akka.Actor;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Plays the shard for an entity under test: creates it as its child, tells <paramref name="probe"/> the child's
/// ref, forwards what the child sends its parent (Passivate) to the probe and everything else to the child.</summary>
public sealed class ForwardingParent : ReceiveActor
{
    public ForwardingParent(Props child, IActorRef probe)
    {
        var entity = Context.ActorOf(child, "entity");
        probe.Tell(entity);
        ReceiveAny(message =>
        {
            if (Sender.Equals(entity)) probe.Forward(message);
            else entity.Forward(message);
        });
    }
}
