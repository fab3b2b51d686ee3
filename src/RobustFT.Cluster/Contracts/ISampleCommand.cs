using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Contracts;

/// <summary>A message for one sample's entity; Cluster Sharding routes it by (run id, sample id).</summary>
public interface ISampleCommand : IRobustFtMessage
{
    string RunId { get; }
    string SampleId { get; }
}
