using System.Text.Json;

namespace RobustFT.Inference.Backends;

/// <summary>The few fields of a model directory's <c>config.json</c> and <c>generation_config.json</c> the backends use.</summary>
public sealed record ModelConfig(int? ContextWindow, IReadOnlyList<int> EosTokenIds, int? PadTokenId, int? VocabSize)
{
    private static readonly string[] ContextKeys = ["max_position_embeddings", "n_positions", "n_ctx", "seq_length"];

    public static ModelConfig Read(string directory)
    {
        int? context = null, pad = null, vocab = null;
        var eos = new List<int>();
        foreach (var file in new[] { "generation_config.json", "config.json" })
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllBytes(path));
            }
            catch (JsonException e)
            {
                throw new ModelLayoutException($"{path}: invalid JSON: {e.Message}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new ModelLayoutException($"{path}: expected a JSON object");
                foreach (var key in ContextKeys)
                    if (context is null && Int(root, key) is { } c) context = c;
                pad ??= Int(root, "pad_token_id");
                vocab ??= Int(root, "vocab_size");
                if (root.TryGetProperty("eos_token_id", out var e))
                {
                    if (e.ValueKind == JsonValueKind.Number) eos.Add(e.GetInt32());
                    else if (e.ValueKind == JsonValueKind.Array) eos.AddRange(e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()));
                }
            }
        }
        return new ModelConfig(context, eos.Distinct().ToArray(), pad, vocab);
    }

    private static int? Int(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;
}
