using RobustFT.Core.Prompts;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Chat;

public sealed class ChatTemplateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chat-template-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("{% for m in messages %}<|start_header_id|>{{ m.role }}<|end_header_id|>{% endfor %}", "llama3")]
    [InlineData("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>{% endfor %}", "chatml")]
    [InlineData("{{ bos_token }}{% for m in messages %}<start_of_turn>{{ m.role }}{% endfor %}", "gemma")]
    [InlineData("{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}", "mistral")]
    public void Auto_detects_the_family_from_the_chat_template_text(string jinja, string expected)
    {
        string path = WriteConfig(jinja);
        Assert.Equal(expected, ChatTemplate.Resolve("auto", path).Name);
    }

    [Fact]
    public void An_unknown_template_is_an_error_naming_the_file_and_the_setting()
    {
        string path = WriteConfig("{% for m in messages %}### {{ m.role }}: {{ m.content }}{% endfor %}");
        var ex = Assert.Throws<TokenizerException>(() => ChatTemplate.Resolve("auto", path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("robustft.inference.generator.chat-template", ex.Message);
    }

    [Fact]
    public void A_config_without_chat_template_cannot_be_auto_detected()
    {
        string path = Path.Combine(_dir, "tokenizer_config.json");
        File.WriteAllText(path, "{\"bos_token\": \"<s>\"}");
        var ex = Assert.Throws<TokenizerException>(() => ChatTemplate.Resolve("auto", path));
        Assert.Contains("chat_template is missing", ex.Message);
    }

    [Fact]
    public void A_named_template_wins_over_the_file_and_unknown_names_are_rejected()
    {
        Assert.Equal("gemma", ChatTemplate.Resolve("Gemma", null).Name);
        var ex = Assert.Throws<ArgumentException>(() => ChatTemplate.Resolve("vicuna", null));
        Assert.Contains("vicuna", ex.Message);
    }

    [Fact]
    public void ChatMl_wraps_each_turn_and_opens_the_assistant_turn()
    {
        var text = ChatTemplate.Resolve("chatml", null).Render([ChatMessage.System("S"), ChatMessage.User("Q")], addGenerationPrompt: true);
        Assert.Equal("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Fact]
    public void Gemma_calls_the_assistant_model_and_folds_the_system_message_into_the_first_user_turn()
    {
        var text = ChatTemplate.Resolve("gemma", null).Render(
            [ChatMessage.System("S"), ChatMessage.User("Q"), ChatMessage.Assistant("A"), ChatMessage.User("Q2")], addGenerationPrompt: true);
        Assert.Equal(
            "<bos><start_of_turn>user\nS\n\nQ<end_of_turn>\n<start_of_turn>model\nA<end_of_turn>\n<start_of_turn>user\nQ2<end_of_turn>\n<start_of_turn>model\n",
            text);
    }

    [Fact]
    public void Mistral_puts_user_turns_in_inst_brackets_and_closes_assistant_turns()
    {
        var text = ChatTemplate.Resolve("mistral", null).Render(
            [ChatMessage.User("Q"), ChatMessage.Assistant("A"), ChatMessage.User("Q2")], addGenerationPrompt: true);
        Assert.Equal("<s>[INST] Q [/INST]A</s>[INST] Q2 [/INST]", text);
    }

    [Fact]
    public void Llama3_without_generation_prompt_ends_after_the_last_turn()
    {
        var text = ChatTemplate.Resolve("llama3", null).Render([ChatMessage.User(" Q ")], addGenerationPrompt: false);
        Assert.Equal("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|>", text);
    }

    private string WriteConfig(string chatTemplate)
    {
        string path = Path.Combine(_dir, "tokenizer_config.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["chat_template"] = chatTemplate }));
        return path;
    }
}
