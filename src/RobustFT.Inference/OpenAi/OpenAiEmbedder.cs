using System.Text.Json;
using System.Text.Json.Nodes;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Embedding;

namespace RobustFT.Inference.OpenAi;

/// <summary><see cref="IEmbedder"/> served by <c>POST embeddings</c> of an OpenAI-compatible server: texts in chunks of
/// <paramref name="maxBatchSize"/>, vectors put back in input order by their <c>index</c> and L2-normalised like the
/// ONNX encoder's. A failed or malformed answer throws <see cref="OpenAiException"/>.</summary>
public sealed class OpenAiEmbedder(OpenAiClient client, string model, int maxBatchSize, bool ownsClient = true) : IEmbedder, IDisposable
{
    public string ModelId { get; } = $"openai:{client.Options.BaseUrlText}#{model}";

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var chunks = await Task.WhenAll(texts.Chunk(Math.Max(1, maxBatchSize)).Select(c => EmbedChunkAsync(c, cancellationToken)));
        return chunks.SelectMany(c => c).ToList();
    }

    private async Task<float[][]> EmbedChunkAsync(string[] texts, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["model"] = model,
            ["input"] = new JsonArray(texts.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["encoding_format"] = "float",
        });
        using var answer = await client.PostAsync("embeddings", body, null, cancellationToken);
        return Read(answer.RootElement, texts.Length);
    }

    /// <summary>The <paramref name="count"/> vectors of an embeddings answer, in input order, L2-normalised.</summary>
    public static float[][] Read(JsonElement root, int count)
    {
        static OpenAiException Malformed(string reason) => new(OpenAiFailure.Malformed, $"embeddings: {reason}");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw Malformed("the answer has no data array");
        var vectors = new float[count][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            var index = item.TryGetProperty("index", out var ix) && ix.ValueKind == JsonValueKind.Number ? ix.GetInt32() : position;
            if (index < 0 || index >= count) throw Malformed($"data[{position}].index {index} is outside the {count} inputs");
            if (!item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array || embedding.GetArrayLength() == 0)
                throw Malformed($"data[{position}] has no embedding (a base64 encoding is not supported)");
            vectors[index] = VectorNormalization.L2Normalize(embedding.EnumerateArray().Select(v => v.GetSingle()).ToArray());
            position++;
        }
        var missing = Array.FindIndex(vectors, v => v is null);
        if (missing >= 0) throw Malformed($"no vector for input {missing} ({position} vectors for {count} inputs)");
        return vectors;
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }
}
