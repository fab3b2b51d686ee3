using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Contracts;

/// <summary>A request a GPU worker serves (<see cref="GenerateRequest"/>, <see cref="EmbedRequest"/>).</summary>
public interface IInferenceRequest : IRobustFtMessage
{
    /// <summary>Idempotency key: (run, sample, step). The same step of the same sample always has the same id.</summary>
    string RequestId { get; }
    string RunId { get; }
    string SampleId { get; }
}
