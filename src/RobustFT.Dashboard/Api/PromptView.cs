using RobustFT.Core.Prompts;

namespace RobustFT.Dashboard.Api;

/// <summary>The chat prompt one step of the method sent for a sample (rebuilt from the stored templates).</summary>
/// <param name="Step">base, reasoning-1…n, checker, context or review.</param>
public sealed record PromptView(string Step, IReadOnlyList<ChatMessage> Messages);
