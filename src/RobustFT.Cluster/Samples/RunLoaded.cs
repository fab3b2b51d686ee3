using Akka.Actor;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Samples;

/// <summary>A sample entity's run context arrived (piped to itself after recovery). Local only, never serialized.</summary>
internal sealed record RunLoaded(RunContext Run) : INoSerializationVerificationNeeded;
