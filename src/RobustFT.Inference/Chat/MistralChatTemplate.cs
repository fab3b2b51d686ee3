using System.Text;
using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Chat;

/// <summary>Mistral instruct: <c>&lt;s&gt;[INST] {user} [/INST]{assistant}&lt;/s&gt;[INST] …</c>; a system message is prefixed
/// to the first user turn with a blank line. The prompt already ends ready for the answer, so the generation prompt
/// adds nothing.</summary>
public sealed class MistralChatTemplate : IChatTemplate
{
    public string Name => "mistral";

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder("<s>");
        string systemPrefix = "";
        foreach (var m in messages)
        {
            switch (m.Role)
            {
                case "system":
                    systemPrefix += m.Content + "\n\n";
                    break;
                case "assistant":
                    sb.Append(m.Content).Append("</s>");
                    break;
                default:
                    sb.Append("[INST] ").Append(systemPrefix).Append(m.Content).Append(" [/INST]");
                    systemPrefix = "";
                    break;
            }
        }

        return sb.ToString();
    }
}
