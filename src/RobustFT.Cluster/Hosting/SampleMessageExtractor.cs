using Akka.Cluster.Sharding;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>Routes every <see cref="ISampleCommand"/> to its sample's entity (<see cref="SampleEntityId.For"/>) in one of
/// <c>robustft.cluster.shards</c> shards (the base class unwraps the envelopes Akka handles itself).</summary>
public sealed class SampleMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        ISampleCommand command => SampleEntityId.For(command.RunId, command.SampleId),
        _ => null,
    };
}
