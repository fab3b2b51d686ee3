using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.Generation;

/// <summary>A tokenized prompt and its decoding options.</summary>
public sealed record GenerationPrompt(IReadOnlyList<int> PromptIds, GenerationOptions Options);
