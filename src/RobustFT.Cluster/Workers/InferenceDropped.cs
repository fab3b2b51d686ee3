using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>Requests a <see cref="GpuWorker"/> could not serve for a reason outside the model (store unreachable): they
/// leave its in-flight set unanswered, so the sample's re-sent request runs again.</summary>
internal sealed record InferenceDropped(IReadOnlyList<IInferenceRequest> Requests);
