using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace RobustFT.Inference.OpenAi;

/// <summary>
/// HTTP to an OpenAI-compatible server, shared by the chat model and the embedder of one node: at most
/// <see cref="OpenAiOptions.MaxConcurrentRequests"/> requests in flight; each attempt bounded by
/// <see cref="OpenAiOptions.Timeout"/>; 429, 5xx and dropped connections retried (Polly) with exponential backoff and
/// jitter, honouring <c>Retry-After</c>. Every failure surfaces as an <see cref="OpenAiException"/> with a reason.
/// </summary>
public sealed class OpenAiClient : IDisposable
{
    /// <summary>Percent-encoded sample id and step of a request, for the server's logs (vLLM logs request headers).</summary>
    public const string SampleHeader = "X-RobustFT-Sample";
    public const string StepHeader = "X-RobustFT-Step";

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Uri _root;

    public OpenAiClient(OpenAiOptions options, HttpMessageHandler? handler = null)
    {
        if (options.MaxConcurrentRequests < 1) throw new ArgumentException("max-concurrent-requests must be at least 1", nameof(options));
        Options = options;
        _root = new Uri(options.BaseUrlText + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // each attempt is bounded by the pipeline instead
        if (!string.IsNullOrEmpty(options.ApiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Result: { } response } => IsTransient(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }
        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    public OpenAiOptions Options { get; }

    /// <summary>Requests in flight now (waiting for a <c>Retry-After</c> delay included).</summary>
    public int InFlight => Options.MaxConcurrentRequests - _slots.CurrentCount;

    /// <summary>POSTs <paramref name="body"/> (JSON) to <paramref name="path"/> under the base URL and returns the parsed
    /// answer.</summary>
    public async Task<JsonDocument> PostAsync(string path, byte[] body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            using var response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_root, path)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
                return request;
            }, path, cancellationToken);
            var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) throw StatusError(response, text, path);
            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new OpenAiException(OpenAiFailure.Malformed, $"POST {path}: the answer is not valid JSON ({e.Message}): {Snippet(text)}", e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>One GET of <c>models</c>, without retries: throws <see cref="OpenAiException"/> of kind
    /// <see cref="OpenAiFailure.Unreachable"/> or <see cref="OpenAiFailure.Unauthorized"/> when the server cannot serve
    /// this client; any other answer (even 404 from a server without the endpoint) means it can.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(_root, "models"), timeout.Token);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw StatusError(response, await response.Content.ReadAsByteArrayAsync(cancellationToken), "models");
        }
        catch (HttpRequestException e)
        {
            throw new OpenAiException(OpenAiFailure.Unreachable, $"cannot reach {Options.BaseUrlText}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenAiException(OpenAiFailure.Unreachable, $"{Options.BaseUrlText} did not answer within {Options.Timeout}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var message = request();
                return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new OpenAiException(OpenAiFailure.Timeout, $"POST {path}: no answer within the timeout of {Options.Timeout}", e);
        }
        catch (HttpRequestException e)
        {
            throw new OpenAiException(OpenAiFailure.Unreachable, $"POST {path}: cannot reach {Options.BaseUrlText} (after {Options.MaxRetries} retries): {e.Message}", e);
        }
    }

    private OpenAiException StatusError(HttpResponseMessage response, byte[] body, string path)
    {
        var code = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return new OpenAiException(OpenAiFailure.Unauthorized, $"{path}: HTTP {code}: the server refused the API key: {Snippet(body)}");
        var retried = IsTransient(response.StatusCode) ? $" after {Options.MaxRetries} retries" : "";
        return new OpenAiException(OpenAiFailure.HttpError, $"POST {path}: HTTP {code}{retried}: {Snippet(body)}");
    }

    /// <summary>429 and 5xx: the server is busy or failing, a later attempt may succeed.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The delay a <c>Retry-After</c> header asks for (seconds or a date), or null for the default backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private static string Snippet(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty body)" : text;
    }

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }
}
