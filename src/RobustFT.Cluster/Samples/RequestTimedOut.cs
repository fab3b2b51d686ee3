using Akka.Actor;

namespace RobustFT.Cluster.Samples;

/// <summary>A sample entity's request timer fired: no result for the request with this key within the request timeout.</summary>
internal sealed record RequestTimedOut(string RequestKey) : INoSerializationVerificationNeeded;
