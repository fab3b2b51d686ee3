using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Abstractions;

/// <summary>One chat completion to run. <see cref="SampleId"/> and <see cref="Step"/> identify the request in logs and
/// fault reports; a model must not let them change its output.</summary>
public sealed record GenerationRequest(
    string SampleId,
    string Step,
    IReadOnlyList<ChatMessage> Messages,
    GenerationOptions Options);
