using System.Text.Json.Nodes;

namespace RobustFT.Testing.OpenAi;

/// <summary>One HTTP request the test server received: path, the sample and step from the request headers, the body,
/// the status it answered, the answer's text (chat completions answered 200), and when.</summary>
public sealed record OpenAiCall(string Path, string SampleId, string Step, JsonObject Body, int Status, string? Text, DateTimeOffset At);
