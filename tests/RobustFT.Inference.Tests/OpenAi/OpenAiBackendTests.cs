using System.Diagnostics;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.OpenAi;
using RobustFT.Testing.OpenAi;
using RobustFT.Testing.Scripted;
using RobustFT.Testing.Servers;

namespace RobustFT.Inference.Tests.OpenAi;

/// <summary>The <c>openai</c> backend against a real HTTP server on 127.0.0.1 (Kestrel) answering like the scripted
/// expert: request shape, logprobs, retries, timeouts, malformed answers, the in-flight limit and embeddings.</summary>
public sealed class OpenAiBackendTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<Sample> Gold = Enumerable.Range(1, 40)
        .Select(i => new Sample($"s{i}", i + 1, $"Question number {i} about topic {i % 7}?", ["alpha", "beta", "gamma", "delta"], ((char)('A' + i % 4)).ToString(),
            new Dictionary<string, string>()))
        .ToList();

    private readonly ScriptedExpertModel _expert = new(Gold, 0.1);
    private OpenAiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAiTestServer.StartAsync(_expert, new HashingEmbedder());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAiOptions Options(int concurrent = 8, TimeSpan? timeout = null, int retries = 3, TimeSpan? retryDelay = null, string? apiKey = null) =>
        new(new Uri(_server.BaseUrl), apiKey, concurrent, timeout ?? TimeSpan.FromSeconds(10), retries, retryDelay ?? TimeSpan.FromMilliseconds(20));

    private static GenerationRequest Request(string sampleId, string step = "base") => new(sampleId, step,
        [ChatMessage.System("You are an expert."), ChatMessage.User($"Answer question {sampleId}.")],
        new GenerationOptions(MaxNewTokens: 64, Temperature: 0.7, TopP: 0.9, Seed: StepSeed.For(42, sampleId, step)));

    [Fact]
    public async Task Chat_completion_sends_the_messages_and_decoding_options_and_returns_the_experts_text_and_logprobs()
    {
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options()), "served-model");
        var request = Request("s3", "context");

        var result = await model.GenerateAsync(request, CancellationToken.None);
        var direct = (await _expert.GenerateAsync([request], CancellationToken.None))[0];

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(direct.Text, result.Text);
        Assert.Equal(direct.Logprobs, result.Logprobs);
        Assert.Equal(direct.Logprobs.Count, result.TokenIds.Count);
        Assert.Equal(TokenEntropy.FromLogprobs(direct.Logprobs), TokenEntropy.FromLogprobs(result.Logprobs));

        var body = Assert.Single(_server.Calls).Body;
        Assert.Equal("served-model", body["model"]!.GetValue<string>());
        Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Answer question s3.", body["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal(0.7, body["temperature"]!.GetValue<double>());
        Assert.Equal(0.9, body["top_p"]!.GetValue<double>());
        Assert.Equal(64, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(request.Options.Seed, body["seed"]!.GetValue<long>());
        Assert.True(body["logprobs"]!.GetValue<bool>());
        Assert.False(body.ContainsKey("top_k"));
    }

    [Fact]
    public async Task Rate_limited_request_is_retried_after_the_Retry_After_delay_and_succeeds()
    {
        _server.Inject("s1", "base", new OpenAiFault(OpenAiFaultKind.RateLimited, Times: 1, RetryAfterSeconds: 1));
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options(retryDelay: TimeSpan.FromMilliseconds(10))), "m");

        var clock = Stopwatch.StartNew();
        var result = await model.GenerateAsync(Request("s1"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var calls = _server.Calls.Where(c => c.SampleId == "s1").ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms, Retry-After said 1 s");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_an_answer_comes()
    {
        _server.Inject("s2", "base", new OpenAiFault(OpenAiFaultKind.ServerError, Times: 2));
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options(retries: 3)), "m");

        var result = await model.GenerateAsync(Request("s2"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([500, 500, 200], _server.Calls.Where(c => c.SampleId == "s2").Select(c => c.Status));
    }

    [Fact]
    public async Task Server_error_on_every_attempt_faults_only_that_request_after_max_retries()
    {
        _server.Inject("s4", "base", new OpenAiFault(OpenAiFaultKind.ServerError));
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options(retries: 2)), "m");

        var results = await model.GenerateAsync([Request("s5"), Request("s4"), Request("s6")], CancellationToken.None);

        Assert.True(results[0].Succeeded && results[2].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.Contains("HTTP 500 after 2 retries", results[1].Error);
        Assert.Equal(3, _server.Calls.Count(c => c.SampleId == "s4"));
    }

    [Fact]
    public async Task Slow_answer_past_the_timeout_faults_only_that_request_without_retrying_it()
    {
        _server.Inject("s7", "base", new OpenAiFault(OpenAiFaultKind.Slow, Delay: TimeSpan.FromSeconds(5)));
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options(timeout: TimeSpan.FromSeconds(2))), "m");

        var clock = Stopwatch.StartNew();
        var results = await model.GenerateAsync([Request("s7"), Request("s8")], CancellationToken.None);

        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.False(results[0].Succeeded);
        Assert.Contains("no answer within the timeout", results[0].Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"the timeout of 2 s took {clock.Elapsed}");
        await Task.Delay(TimeSpan.FromSeconds(4)); // let the slow handler finish and record itself
        Assert.Single(_server.Calls, c => c.SampleId == "s7");
    }

    [Theory]
    [InlineData(OpenAiFaultKind.NoLogprobs, "no logprobs")]
    [InlineData(OpenAiFaultKind.InvalidJson, "not valid JSON")]
    [InlineData(OpenAiFaultKind.NoChoices, "no choices")]
    public async Task Malformed_answer_faults_only_that_request_with_the_reason(OpenAiFaultKind kind, string reason)
    {
        _server.Inject("s9", "context", new OpenAiFault(kind));
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options()), "m");

        var results = await model.GenerateAsync([Request("s9", "context"), Request("s10", "context")], CancellationToken.None);

        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.False(results[0].Succeeded);
        Assert.Contains(reason, results[0].Error);
        Assert.Single(_server.Calls, c => c.SampleId == "s9"); // a malformed 200 is not retried
    }

    [Fact]
    public async Task Requests_in_flight_never_exceed_max_concurrent_requests()
    {
        _server.Delay = TimeSpan.FromMilliseconds(60);
        using var model = new OpenAiLanguageModel(new OpenAiClient(Options(concurrent: 3)), "m");

        var batches = await Task.WhenAll(
            model.GenerateAsync(Gold.Take(20).Select(s => Request(s.Id)).ToList(), CancellationToken.None),
            model.GenerateAsync(Gold.Skip(20).Select(s => Request(s.Id)).ToList(), CancellationToken.None));

        Assert.All(batches.SelectMany(b => b), r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(40, _server.Calls.Count);
        Assert.Equal(3, _server.MaxInFlight);
    }

    [Fact]
    public async Task Embeddings_come_back_in_input_order_and_normalised_in_chunks_of_the_batch_size()
    {
        using var embedder = new OpenAiEmbedder(new OpenAiClient(Options()), "embedding-model", maxBatchSize: 4);
        var texts = Gold.Take(10).Select(s => s.Question).ToList();

        var vectors = await embedder.EmbedAsync(texts, CancellationToken.None);

        var reference = new HashingEmbedder();
        Assert.Equal(10, vectors.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var expected = reference.Embed(texts[i]);
            Assert.Equal(expected.Length, vectors[i].Length);
            for (var d = 0; d < expected.Length; d++) Assert.Equal(expected[d], vectors[i][d], 5);
        }
        Assert.Equal(3, _server.Calls.Count(c => c.Path == "embeddings"));
        Assert.Equal(texts.Order(StringComparer.Ordinal), _server.EmbeddedTexts.Order(StringComparer.Ordinal)); // chunks run concurrently
        Assert.StartsWith("openai:http://127.0.0.1:", embedder.ModelId);
        Assert.EndsWith("#embedding-model", embedder.ModelId);
    }

    [Fact]
    public async Task Start_check_tells_a_refused_api_key_from_an_unreachable_server()
    {
        await using var guarded = await OpenAiTestServer.StartAsync(_expert, new HashingEmbedder(), apiKey: "right-key");
        OpenAiOptions For(string url, string? key) => Options(apiKey: key) with { BaseUrl = new Uri(url) };

        using (var ok = new OpenAiClient(For(guarded.BaseUrl, "right-key"))) await ok.CheckAsync(CancellationToken.None);
        using (var wrong = new OpenAiClient(For(guarded.BaseUrl, "wrong-key")))
            Assert.Equal(OpenAiFailure.Unauthorized, (await Assert.ThrowsAsync<OpenAiException>(() => wrong.CheckAsync(CancellationToken.None))).Kind);
        using (var nowhere = new OpenAiClient(For($"http://127.0.0.1:{FreePort.Next()}/v1", null)))
            Assert.Equal(OpenAiFailure.Unreachable, (await Assert.ThrowsAsync<OpenAiException>(() => nowhere.CheckAsync(CancellationToken.None))).Kind);
    }
}
