using Akka.Cluster.Sharding;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Routes <see cref="ISampleCommand"/>s to their sample's entity (the shape the node's region uses).</summary>
public sealed class SampleCommandExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string EntityId(object message) =>
        message is ISampleCommand command ? SampleEntityId.For(command.RunId, command.SampleId) : null!;
}
