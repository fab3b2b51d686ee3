using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Contracts;

/// <summary>A chat completion for one step of one sample, served by a GPU worker's batch consumer.</summary>
public sealed record GenerateRequest(
    Guid CorrelationId,
    string RunId,
    string SampleId,
    string Step,
    IReadOnlyList<ChatMessage> Messages,
    GenerationOptions Options);
