using System.Text;
using RobustFT.Core.Prompts;

namespace RobustFT.Inference.Chat;

/// <summary>Llama 3 / 3.1 as shipped in <c>tokenizer_config.json</c>: <c>&lt;|begin_of_text|&gt;</c>, then per message
/// <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n{content, trimmed}&lt;|eot_id|&gt;</c>, and the assistant header as
/// the generation prompt. (The config's template adds no "Cutting Knowledge Date" system block; the golden test checks.)</summary>
public sealed class Llama3ChatTemplate : IChatTemplate
{
    public string Name => "llama3";

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder("<|begin_of_text|>");
        foreach (var m in messages)
        {
            sb.Append("<|start_header_id|>").Append(m.Role).Append("<|end_header_id|>\n\n").Append(m.Content.Trim()).Append("<|eot_id|>");
        }

        if (addGenerationPrompt) sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
        return sb.ToString();
    }
}
