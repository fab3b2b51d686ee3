using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Testing.OpenAi;

/// <summary>
/// A Kestrel server on 127.0.0.1 speaking the subset of the OpenAI API the <c>openai</c> backend uses:
/// <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c> (answered by <paramref name="model"/>, with per-token
/// logprobs when asked) and <c>POST /v1/embeddings</c> (by <paramref name="embedder"/>, data in reverse order to
/// exercise <c>index</c>). The sample and step of a chat request come from the client's tracing headers. Faults are
/// injected per (sample, step); every request is recorded, and the number in flight is tracked.
/// </summary>
public sealed class OpenAiTestServer(ILanguageModel model, IEmbedder embedder, string? apiKey = null) : IAsyncDisposable
{
    public const string SampleHeader = "X-RobustFT-Sample";
    public const string StepHeader = "X-RobustFT-Step";

    private readonly ConcurrentDictionary<(string Sample, string Step), OpenAiFault> _faults = new();
    private readonly ConcurrentDictionary<(string Sample, string Step), int> _attempts = new();
    private readonly ConcurrentQueue<OpenAiCall> _calls = new();
    private readonly ConcurrentQueue<(string Path, string SampleId, string Step)> _received = new();
    private readonly ConcurrentDictionary<string, bool> _brokenTexts = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The API root to configure as <c>robustft.inference.openai.base-url</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Added to every chat completion (lets tests hold requests in flight).</summary>
    public TimeSpan Delay { get; set; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<OpenAiCall> Calls => _calls.ToArray();

    /// <summary>Chat completions (path, sample, step) in the order they arrived, recorded on arrival: unlike
    /// <see cref="Calls"/>, a request is listed even while it is being answered.</summary>
    public IReadOnlyList<(string Path, string SampleId, string Step)> Received => _received.ToArray();

    /// <summary>Chat completions answered with 200 and a usable body.</summary>
    public IReadOnlyList<OpenAiCall> Answered => Calls.Where(c => c.Path == "chat/completions" && c.Status == 200 && c.Text is not null).ToList();

    public void Inject(string sampleId, string step, OpenAiFault fault) => _faults[(sampleId, step)] = fault;

    /// <summary>An embeddings request holding <paramref name="text"/> gets a 200 whose body is not JSON.</summary>
    public void BreakEmbeddingOf(string text) => _brokenTexts[text] = true;

    public static async Task<OpenAiTestServer> StartAsync(ILanguageModel model, IEmbedder embedder, string? apiKey = null)
    {
        var server = new OpenAiTestServer(model, embedder, apiKey);
        await server.StartAsync();
        return server;
    }

    private async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (apiKey is not null && context.Request.Headers.Authorization.ToString() != $"Bearer {apiKey}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error":{"message":"invalid api key","type":"invalid_request_error"}}""");
                return;
            }
            await next(context);
        });
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = model.ModelId, @object = "model" } } }));
        app.MapPost("/v1/chat/completions", ChatAsync);
        app.MapPost("/v1/embeddings", EmbeddingsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/') + "/v1";
        _app = app;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < inFlight && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }
        try
        {
            var body = (JsonObject)JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
            var sample = Uri.UnescapeDataString(context.Request.Headers[SampleHeader].ToString());
            var step = Uri.UnescapeDataString(context.Request.Headers[StepHeader].ToString());
            _received.Enqueue(("chat/completions", sample, step));
            var attempt = _attempts.AddOrUpdate((sample, step), 1, (_, n) => n + 1);
            var fault = _faults.TryGetValue((sample, step), out var f) && attempt <= f.Times ? f : null;
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);

            async Task Reply(int status, string text, string? answer = null, string? retryAfter = null)
            {
                _calls.Enqueue(new OpenAiCall("chat/completions", sample, step, body, status, answer, DateTimeOffset.UtcNow));
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
                await context.Response.WriteAsync(text);
            }

            switch (fault?.Kind)
            {
                case OpenAiFaultKind.RateLimited:
                    await Reply(429, """{"error":{"message":"rate limited"}}""", retryAfter: fault.RetryAfterSeconds.ToString());
                    return;
                case OpenAiFaultKind.ServerError:
                    await Reply(500, """{"error":{"message":"internal error"}}""");
                    return;
                case OpenAiFaultKind.InvalidJson:
                    await Reply(200, """{"choices": [{"message": {"content": "Answer: A" """);
                    return;
                case OpenAiFaultKind.NoChoices:
                    await Reply(200, """{"id":"x","object":"chat.completion","choices":[]}""");
                    return;
                case OpenAiFaultKind.Slow:
                    await Task.Delay(fault.Delay);
                    break;
            }

            var messages = body["messages"]!.AsArray().Select(m => new ChatMessage(m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
            var options = new GenerationOptions(
                body["max_tokens"]?.GetValue<int>() ?? 16, body["temperature"]?.GetValue<double>() ?? 1, body["top_p"]?.GetValue<double>() ?? 1,
                body["top_k"]?.GetValue<int>() ?? 0, body["seed"]?.GetValue<long>() ?? 0);
            var result = (await model.GenerateAsync([new GenerationRequest(sample, step, messages, options)], context.RequestAborted))[0];
            if (!result.Succeeded)
            {
                await Reply(400, JsonSerializer.Serialize(new { error = new { message = result.Error } }));
                return;
            }
            var withLogprobs = body["logprobs"]?.GetValue<bool>() == true && fault?.Kind != OpenAiFaultKind.NoLogprobs;
            var choice = new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = result.Text },
                ["finish_reason"] = result.FinishReason == "length" ? "length" : "stop",
                ["logprobs"] = withLogprobs
                    ? new JsonObject { ["content"] = new JsonArray(result.Logprobs.Select((lp, i) => (JsonNode)new JsonObject { ["token"] = $"t{i}", ["logprob"] = lp, ["top_logprobs"] = new JsonArray() }).ToArray()) }
                    : null,
            };
            var answer = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["model"] = body["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(choice),
                ["usage"] = new JsonObject { ["completion_tokens"] = result.Logprobs.Count },
            };
            await Reply(200, answer.ToJsonString(), result.Text);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        var body = (JsonObject)JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var input = body["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        _calls.Enqueue(new OpenAiCall("embeddings", "", "", body, 200, null, DateTimeOffset.UtcNow));
        context.Response.ContentType = "application/json";
        if (input.Any(_brokenTexts.ContainsKey))
        {
            await context.Response.WriteAsync("{\"object\": \"list\", \"data\": [{\"index\": 0, \"embedding\": [0.1, ");
            return;
        }
        var vectors = await embedder.EmbedAsync(input, context.RequestAborted);
        var data = new JsonArray(Enumerable.Range(0, vectors.Count).Reverse()
            .Select(i => (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(vectors[i].Select(v => (JsonNode)v).ToArray()) }).ToArray());
        await context.Response.WriteAsync(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString());
    }

    /// <summary>Texts the server embedded, over all calls.</summary>
    public IReadOnlyList<string> EmbeddedTexts => Calls.Where(c => c.Path == "embeddings").SelectMany(c => c.Body["input"]!.AsArray().Select(n => n!.GetValue<string>())).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
