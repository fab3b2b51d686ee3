using System.Text.Json;
using System.Text.Json.Nodes;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.OpenAi;

/// <summary>The body of <c>POST chat/completions</c> for one <see cref="GenerationRequest"/>: the same chat messages
/// the ONNX path renders with its template, the decoding options (temperature, top_p, max_tokens, seed, stop; top_k
/// only when set, an extension vLLM and llama.cpp accept) and <c>logprobs: true</c>, whose per-token values feed the
/// entropy like the ONNX generator's.</summary>
public static class ChatCompletionRequest
{
    public static byte[] Build(string model, GenerationRequest request)
    {
        var o = request.Options;
        var messages = new JsonArray();
        foreach (var m in request.Messages) messages.Add(new JsonObject { ["role"] = m.Role, ["content"] = m.Content });
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = messages,
            ["temperature"] = o.Temperature,
            ["top_p"] = o.TopP,
            ["max_tokens"] = o.MaxNewTokens,
            ["seed"] = o.Seed,
            ["logprobs"] = true,
            ["n"] = 1,
            ["stream"] = false,
        };
        if (o.TopK > 0) body["top_k"] = o.TopK;
        if (o.StopStrings is { Count: > 0 } stop) body["stop"] = new JsonArray(stop.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>Headers naming the request for the server's logs; they never change its answer.</summary>
    public static IReadOnlyDictionary<string, string> Headers(GenerationRequest request) => new Dictionary<string, string>
    {
        [OpenAiClient.SampleHeader] = Uri.EscapeDataString(request.SampleId),
        [OpenAiClient.StepHeader] = Uri.EscapeDataString(request.Step),
    };
}
