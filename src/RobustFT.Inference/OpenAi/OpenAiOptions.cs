namespace RobustFT.Inference.OpenAi;

/// <summary>How to reach an OpenAI-compatible server (vLLM, llama.cpp server, Ollama); read from
/// <c>robustft.inference.openai.*</c>, whose defaults live in <c>hocon/robustft.conf</c>.</summary>
/// <param name="BaseUrl">The API root, e.g. <c>http://127.0.0.1:8000/v1</c>; request paths are relative to it.</param>
/// <param name="ApiKey">Sent as a bearer token when set.</param>
/// <param name="MaxConcurrentRequests">Requests in flight at most (the server does the batching).</param>
/// <param name="Timeout">The longest one attempt may take, answer body included; a slower answer faults its request.</param>
/// <param name="MaxRetries">Retries of a 429 or 5xx answer (or a dropped connection) before the request faults.</param>
/// <param name="RetryDelay">The first retry's delay, doubled each retry, with jitter; a <c>Retry-After</c> header wins.</param>
public sealed record OpenAiOptions(Uri BaseUrl, string? ApiKey, int MaxConcurrentRequests, TimeSpan Timeout, int MaxRetries, TimeSpan RetryDelay)
{
    /// <summary>The base URL without a trailing slash, as it appears in model ids (and so in cache keys).</summary>
    public string BaseUrlText => BaseUrl.ToString().TrimEnd('/');
}
