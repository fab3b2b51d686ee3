using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Chat;

/// <summary>Renders chat messages into the prompt text a model family was trained on. The text includes the BOS token
/// where the real template does, so encode it with <c>addSpecialTokens: false</c>.</summary>
public interface IChatTemplate
{
    /// <summary>The configuration name: llama3, chatml, gemma or mistral.</summary>
    string Name { get; }

    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);
}
