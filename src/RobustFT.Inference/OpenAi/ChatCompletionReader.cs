using System.Text.Json;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.OpenAi;

/// <summary>Reads a chat-completions answer: <c>choices[0].message.content</c>, <c>choices[0].finish_reason</c> and
/// the log-probability of each generated token from <c>choices[0].logprobs.content[].logprob</c>. An answer without
/// choices, content or logprobs throws <see cref="OpenAiException"/> (<see cref="OpenAiFailure.Malformed"/>) naming
/// what is missing.</summary>
public static class ChatCompletionReader
{
    /// <summary>The server does not return token ids; each generated token is counted with this placeholder id.</summary>
    public const int UnknownTokenId = -1;

    public static GenerationResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Malformed($"the answer is a JSON {root.ValueKind}, not an object");
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            throw Malformed("the answer has no choices");
        var choice = choices[0];
        if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            throw Malformed("choices[0] has no message");
        var text = message.TryGetProperty("content", out var content) ? content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Null => "",
            _ => throw Malformed("choices[0].message.content is not a string"),
        } : throw Malformed("choices[0].message has no content");

        if (!choice.TryGetProperty("logprobs", out var logprobs) || logprobs.ValueKind != JsonValueKind.Object
            || !logprobs.TryGetProperty("content", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
            throw Malformed("the answer has no logprobs (choices[0].logprobs.content); the server must support \"logprobs\": true");
        var values = new float[tokens.GetArrayLength()];
        var i = 0;
        foreach (var token in tokens.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Object || !token.TryGetProperty("logprob", out var lp) || lp.ValueKind != JsonValueKind.Number)
                throw Malformed($"choices[0].logprobs.content[{i}] has no numeric logprob");
            values[i++] = lp.GetSingle();
        }
        if (values.Length == 0 && text.Length > 0)
            throw Malformed("choices[0].logprobs.content is empty although the answer has text");

        var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "eos";
        return new GenerationResult(text, Enumerable.Repeat(UnknownTokenId, values.Length).ToArray(), values, finish == "stop" ? "eos" : finish);
    }

    private static OpenAiException Malformed(string reason) => new(OpenAiFailure.Malformed, reason);
}
