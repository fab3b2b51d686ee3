using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>Results a <see cref="GpuWorker"/>'s serving task hands back to the actor, each with the request it ran for,
/// which answers everyone waiting for it; <paramref name="Tokens"/> generated for them.</summary>
internal sealed record InferenceServed(IReadOnlyList<(IInferenceRequest Request, IInferenceResult Result)> Results, long Tokens);
