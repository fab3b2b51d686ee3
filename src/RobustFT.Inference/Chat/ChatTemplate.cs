using RobustFT.Core.Prompts;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.Chat;

/// <summary>The chat template chosen by configuration (<c>robustft.inference.generator.chat-template</c>): a name, or "auto" to
/// detect the family from the <c>chat_template</c> text in <c>tokenizer_config.json</c>.</summary>
public sealed class ChatTemplate : IChatTemplate
{
    public const string ConfigKey = "robustft.inference.generator.chat-template";

    private static readonly IChatTemplate[] BuiltIn =
        [new Llama3ChatTemplate(), new ChatMlChatTemplate(), new GemmaChatTemplate(), new MistralChatTemplate()];

    private readonly IChatTemplate _inner;

    private ChatTemplate(IChatTemplate inner) => _inner = inner;

    public string Name => _inner.Name;

    public static IReadOnlyList<string> Names { get; } = BuiltIn.Select(t => t.Name).ToList();

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return _inner.Render(messages, addGenerationPrompt);
    }

    /// <summary>A built-in template by name ("llama3", "chatml", "gemma", "mistral"), or "auto": detected from
    /// <paramref name="tokenizerConfigPath"/>'s <c>chat_template</c>.</summary>
    public static ChatTemplate Resolve(string nameOrAuto, string? tokenizerConfigPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrAuto);
        string name = nameOrAuto.Trim().ToLowerInvariant();
        if (name != "auto")
        {
            var named = BuiltIn.FirstOrDefault(t => t.Name == name)
                ?? throw new ArgumentException(
                    $"{ConfigKey} = '{nameOrAuto}' is not a known chat template; use one of auto, {string.Join(", ", Names)}", nameof(nameOrAuto));
            return new ChatTemplate(named);
        }

        if (tokenizerConfigPath is null)
        {
            throw new TokenizerException($"{ConfigKey} = auto needs a {TokenizerConfig.FileName} to detect the template from; set {ConfigKey} to one of {string.Join(", ", Names)}");
        }

        var config = TokenizerConfig.Read(tokenizerConfigPath);
        if (config.ChatTemplate is null)
        {
            throw new TokenizerException($"{tokenizerConfigPath}: chat_template is missing; set {ConfigKey} to one of {string.Join(", ", Names)}");
        }

        return new ChatTemplate(Detect(config.ChatTemplate)
            ?? throw new TokenizerException(
                $"{tokenizerConfigPath}: chat_template is not a recognised family (llama3, chatml, gemma, mistral); set {ConfigKey} to one of {string.Join(", ", Names)}"));
    }

    /// <summary>The built-in template whose markers appear in a Jinja <c>chat_template</c>, or null.</summary>
    public static IChatTemplate? Detect(string chatTemplateText)
    {
        if (chatTemplateText.Contains("<|start_header_id|>", StringComparison.Ordinal)) return BuiltIn[0];
        if (chatTemplateText.Contains("<|im_start|>", StringComparison.Ordinal)) return BuiltIn[1];
        if (chatTemplateText.Contains("<start_of_turn>", StringComparison.Ordinal)) return BuiltIn[2];
        if (chatTemplateText.Contains("[INST]", StringComparison.Ordinal)) return BuiltIn[3];
        return null;
    }
}
