using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.OpenAi;

namespace RobustFT.Inference.Tests.OpenAi;

/// <summary>The chat-completions body the backend sends and how it reads answers, without a server.</summary>
public sealed class ChatCompletionFormatTests
{
    [Fact]
    public void Request_adds_top_k_and_stop_only_when_set()
    {
        var request = new GenerationRequest("s", "base", [ChatMessage.User("q")], new GenerationOptions(8, 1, 0.95, TopK: 40, Seed: 7, StopStrings: ["\n\n"]));

        var body = JsonNode.Parse(ChatCompletionRequest.Build("m", request))!.AsObject();

        Assert.Equal(40, body["top_k"]!.GetValue<int>());
        Assert.Equal(["\n\n"], body["stop"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(7, body["seed"]!.GetValue<long>());
        Assert.False(body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public void Request_headers_name_sample_and_step_percent_encoded()
    {
        var headers = ChatCompletionRequest.Headers(new GenerationRequest("ä/1 x", "reasoning-2", [], new GenerationOptions()));

        Assert.Equal("%C3%A4%2F1%20x", headers[OpenAiClient.SampleHeader]);
        Assert.Equal("reasoning-2", headers[OpenAiClient.StepHeader]);
    }

    [Fact]
    public void Answer_gives_text_one_logprob_per_token_and_the_finish_reason()
    {
        using var doc = JsonDocument.Parse("""
            {"choices":[{"message":{"role":"assistant","content":"Answer: B"},"finish_reason":"length",
              "logprobs":{"content":[{"token":"Answer","logprob":-0.5},{"token":":","logprob":-0.25},{"token":" B","logprob":-1.0}]}}]}
            """);

        var result = ChatCompletionReader.Read(doc.RootElement);

        Assert.Equal("Answer: B", result.Text);
        Assert.Equal([-0.5f, -0.25f, -1.0f], result.Logprobs);
        Assert.Equal(3, result.TokenIds.Count);
        Assert.Equal("length", result.FinishReason);
    }

    [Theory]
    [InlineData("""{"choices":[{"message":{"content":"Answer: A"},"finish_reason":"stop","logprobs":null}]}""", "no logprobs")]
    [InlineData("""{"choices":[{"message":{"content":"Answer: A"},"logprobs":{"content":[]}}]}""", "empty although the answer has text")]
    [InlineData("""{"choices":[{"message":{"content":"A"},"logprobs":{"content":[{"token":"A"}]}}]}""", "no numeric logprob")]
    [InlineData("""{"choices":[{"finish_reason":"stop"}]}""", "no message")]
    [InlineData("""{"object":"error"}""", "no choices")]
    [InlineData("""[1,2]""", "not an object")]
    public void Malformed_answer_throws_naming_what_is_missing(string json, string reason)
    {
        using var doc = JsonDocument.Parse(json);

        var e = Assert.Throws<OpenAiException>(() => ChatCompletionReader.Read(doc.RootElement));

        Assert.Equal(OpenAiFailure.Malformed, e.Kind);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Retry_After_in_seconds_or_as_a_date_sets_the_delay()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "3");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(10));
        using var none = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(3), OpenAiClient.RetryAfter(seconds));
        Assert.InRange(OpenAiClient.RetryAfter(date)!.Value, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));
        Assert.Null(OpenAiClient.RetryAfter(none));
        Assert.True(OpenAiClient.IsTransient(HttpStatusCode.TooManyRequests) && OpenAiClient.IsTransient(HttpStatusCode.BadGateway));
        Assert.False(OpenAiClient.IsTransient(HttpStatusCode.BadRequest));
    }
}
