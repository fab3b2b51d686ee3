using System.Text.Json;

namespace RobustFT.Inference.Tokenization.Loading;

/// <summary>A JSON element together with its file name and path, so every error can say where it is.</summary>
public readonly record struct JsonNode(string File, string Path, JsonElement Element)
{
    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public JsonNode? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object || !Element.TryGetProperty(name, out var child)) return null;
        var node = new JsonNode(File, Join(name), child);
        return node.IsNull ? null : node;
    }

    public JsonNode Required(string name) => Optional(name) ?? throw Error(Join(name), "is missing");

    public string? String(string name)
    {
        var node = Optional(name);
        if (node is null) return null;
        return node.Value.Element.ValueKind == JsonValueKind.String
            ? node.Value.Element.GetString()
            : throw Error(node.Value.Path, $"must be a string, not {node.Value.Element.ValueKind}");
    }

    public string RequiredString(string name) => String(name) ?? throw Error(Join(name), "is missing");

    public bool Bool(string name, bool fallback)
    {
        var node = Optional(name);
        if (node is null) return fallback;
        return node.Value.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(node.Value.Path, "must be true or false"),
        };
    }

    public bool? NullableBool(string name) => Optional(name) is null ? null : Bool(name, false);

    public int Int(string name, int fallback)
    {
        var node = Optional(name);
        if (node is null) return fallback;
        return node.Value.Element.TryGetInt32(out var value) ? value : throw Error(node.Value.Path, "must be an integer");
    }

    public IEnumerable<JsonNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw Error(Path, "must be an array");
        int i = 0;
        foreach (var item in Element.EnumerateArray()) yield return new JsonNode(File, $"{Path}[{i++}]", item);
    }

    public TokenizerException Error(string problem) => Error(Path, problem);

    private TokenizerException Error(string path, string problem) => TokenizerException.At(File, path, problem);

    private string Join(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
