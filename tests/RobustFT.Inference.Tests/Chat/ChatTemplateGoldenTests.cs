using System.Text;
using System.Text.Json;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Tests.Tokenization;

namespace RobustFT.Inference.Tests.Chat;

/// <summary>The built-in Llama 3 renderer against the real <c>chat_template</c> of the Llama 3.1 tokenizer_config.json,
/// rendered by <c>@huggingface/jinja</c> (<c>tests/golden/chat.mjs</c>).</summary>
public sealed class ChatTemplateGoldenTests
{
    private static readonly IReadOnlyList<ChatMessage>[] Conversations =
    [
        [ChatMessage.User("What is 2 + 2?")],
        [ChatMessage.User("Hi there"), ChatMessage.Assistant("Hello! How can I help?"), ChatMessage.User("Answer with A, B, C or D.")],
        [ChatMessage.System("You are a careful annotator."), ChatMessage.User("  Classify: the market fell 3 %.\n")],
        [ChatMessage.System("sys"), ChatMessage.User("q1"), ChatMessage.Assistant(" a1 "), ChatMessage.User("q2 with <tags> & \"quotes\"\n\nand lines")],
    ];

    [Fact]
    public void Llama3_renderer_equals_the_real_template_rendered_by_jinja_with_the_generation_prompt()
    {
        var input = new StringBuilder();
        foreach (var conversation in Conversations)
        {
            var plain = conversation.Select(m => new Dictionary<string, string> { ["role"] = m.Role, ["content"] = m.Content });
            input.Append(JsonSerializer.Serialize(plain)).Append('\n');
        }

        var expected = NodeGolden.RunScript("chat.mjs", input.ToString(), "llama3_1", "-")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<string>(l)!)
            .ToList();

        var template = ChatTemplate.Resolve("auto", Path.Combine(NodeGolden.Llama31ModelDirectory, "tokenizer_config.json"));
        Assert.Equal("llama3", template.Name);
        Assert.Equal(Conversations.Length, expected.Count);
        for (int i = 0; i < Conversations.Length; i++)
        {
            Assert.Equal(expected[i], template.Render(Conversations[i], addGenerationPrompt: true));
        }
    }
}
