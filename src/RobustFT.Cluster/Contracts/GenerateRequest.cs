using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Contracts;

/// <summary>A chat completion for one step of one sample, served by a GPU worker. <see cref="RequestId"/> is the
/// idempotency key (run, sample, step): a re-sent request has the same id, prompt and seed, hence the same cache key.</summary>
public sealed record GenerateRequest(
    string RequestId,
    string RunId,
    string SampleId,
    string Step,
    IReadOnlyList<ChatMessage> Messages,
    GenerationOptions Options) : IInferenceRequest;
