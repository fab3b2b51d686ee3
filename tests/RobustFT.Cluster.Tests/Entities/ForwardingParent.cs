using Akka.Actor;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Plays the shard for an entity under test: creates it as its child (then tells it <paramref name="first"/> at
/// once, as a shard tells a starting entity the messages that started it; the entity may still finish recovering before
/// they reach it, as under a shard), tells <paramref name="probe"/> the child's ref,
/// forwards what the child sends its parent (Passivate, messages handed back) to the probe and everything else to the
/// child.</summary>
public sealed class ForwardingParent : ReceiveActor
{
    public ForwardingParent(Props child, IActorRef probe, IReadOnlyList<object> first)
    {
        var entity = Context.ActorOf(child, "entity");
        foreach (var message in first) entity.Tell(message);
        probe.Tell(entity);
        ReceiveAny(message =>
        {
            if (Sender.Equals(entity)) probe.Forward(message);
            else entity.Forward(message);
        });
    }
}
