using Akka.Actor;

namespace RobustFT.Cluster.Samples;

/// <summary>A sample entity's note to itself, sent on entering a waiting or terminal state: when it gets to it, every
/// message that was waiting (stashed during recovery, or queued behind the persist) has been handled, and the entity,
/// if it still waits, asks its shard to passivate it. Local only, never serialized.</summary>
internal sealed record PassivateWhenIdle : INoSerializationVerificationNeeded;
