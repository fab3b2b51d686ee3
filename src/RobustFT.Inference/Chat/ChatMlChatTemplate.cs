using System.Text;
using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Chat;

/// <summary>ChatML (Qwen): <c>&lt;|im_start|&gt;role\n{content}&lt;|im_end|&gt;\n</c> per message and <c>&lt;|im_start|&gt;assistant\n</c>
/// as the generation prompt. No default system message is injected.</summary>
public sealed class ChatMlChatTemplate : IChatTemplate
{
    public string Name => "chatml";

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder();
        foreach (var m in messages) sb.Append("<|im_start|>").Append(m.Role).Append('\n').Append(m.Content).Append("<|im_end|>\n");
        if (addGenerationPrompt) sb.Append("<|im_start|>assistant\n");
        return sb.ToString();
    }
}
