using System.Text;
using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Chat;

/// <summary>Gemma: <c>&lt;bos&gt;</c>, then <c>&lt;start_of_turn&gt;user|model\n{content, trimmed}&lt;end_of_turn&gt;\n</c>; the
/// assistant role is called "model"; a system message is prefixed to the first user turn (as Gemma 3 does); the
/// generation prompt is <c>&lt;start_of_turn&gt;model\n</c>.</summary>
public sealed class GemmaChatTemplate : IChatTemplate
{
    public string Name => "gemma";

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder("<bos>");
        string systemPrefix = "";
        foreach (var m in messages)
        {
            if (m.Role == "system")
            {
                systemPrefix += m.Content + "\n\n";
                continue;
            }

            string role = m.Role == "assistant" ? "model" : m.Role;
            string content = m.Content.Trim();
            if (role == "user" && systemPrefix.Length > 0)
            {
                content = systemPrefix + content;
                systemPrefix = "";
            }

            sb.Append("<start_of_turn>").Append(role).Append('\n').Append(content).Append("<end_of_turn>\n");
        }

        if (addGenerationPrompt) sb.Append("<start_of_turn>model\n");
        return sb.ToString();
    }
}
