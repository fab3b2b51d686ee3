using Akka.Actor;

namespace RobustFT.Cluster.Samples;

/// <summary>The stop message a sample entity passivates with (instead of a PoisonPill): the shard sends it back once it
/// has marked the entity passivating. An entity that left its barrier in the meantime (an <c>IndexReady</c> reached it
/// before the stop) stops anyway but first asks its shard, through the shard's buffer, to start it again, so its new
/// request is not lost with it. Local only, never serialized.</summary>
public sealed record StopEntity : INoSerializationVerificationNeeded
{
    public static readonly StopEntity Instance = new();
}
