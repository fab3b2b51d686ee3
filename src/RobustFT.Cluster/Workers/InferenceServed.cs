using RobustFT.Cluster.Contracts;

namespace RobustFT.Cluster.Workers;

/// <summary>Results a <see cref="GpuWorker"/>'s serving task hands back to the actor, which answers their requesters;
/// <paramref name="Tokens"/> generated for them.</summary>
internal sealed record InferenceServed(IReadOnlyList<IInferenceResult> Results, long Tokens);
