using System.Text.Json;

namespace RobustFT.Inference.Tokenization.Loading;

/// <summary>The parts of <c>tokenizer_config.json</c> the tokenizer and chat templates use.</summary>
public sealed record TokenizerConfig(string? BosToken, string? EosToken, string? PadToken, string? ChatTemplate)
{
    public const string FileName = "tokenizer_config.json";

    public static readonly TokenizerConfig Empty = new(null, null, null, null);

    /// <summary><c>do_lower_case</c> (BERT tokenizers), when given.</summary>
    public bool? DoLowerCase { get; init; }

    public static TokenizerConfig Read(string path)
    {
        if (!File.Exists(path)) throw new TokenizerException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static TokenizerConfig Parse(string json, string fileName = FileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new TokenizerException($"{fileName}: invalid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = new JsonNode(fileName, "", doc.RootElement);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw root.Error("the document must be a JSON object");
            return new TokenizerConfig(TokenText(root, "bos_token"), TokenText(root, "eos_token"), TokenText(root, "pad_token"), ReadChatTemplate(root))
            {
                DoLowerCase = doc.RootElement.TryGetProperty("do_lower_case", out var lower) && lower.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? lower.GetBoolean() : null,
            };
        }
    }

    /// <summary>A special token given as a string or as an AddedToken object (<c>{"content": …}</c>).</summary>
    private static string? TokenText(JsonNode root, string name)
    {
        var node = root.Optional(name);
        if (node is null) return null;
        return node.Value.Element.ValueKind switch
        {
            JsonValueKind.String => node.Value.Element.GetString(),
            JsonValueKind.Object => node.Value.RequiredString("content"),
            _ => throw node.Value.Error("must be a string or an object with content"),
        };
    }

    /// <summary><c>chat_template</c> as a string, or the "default" entry of a list of named templates.</summary>
    private static string? ReadChatTemplate(JsonNode root)
    {
        var node = root.Optional("chat_template");
        if (node is null) return null;
        if (node.Value.Element.ValueKind == JsonValueKind.String) return node.Value.Element.GetString();
        var named = node.Value.Items().ToList();
        var chosen = named.FirstOrDefault(n => n.String("name") == "default");
        if (chosen.File is null) chosen = named.FirstOrDefault();
        return chosen.File is null ? null : chosen.RequiredString("template");
    }
}
