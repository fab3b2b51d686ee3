using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Contracts;

/// <summary>A GPU worker's answer to an <see cref="IInferenceRequest"/> with the same <see cref="RequestId"/>.</summary>
public interface IInferenceResult : IRobustFtMessage
{
    string RequestId { get; }
    string? Error { get; }
}
