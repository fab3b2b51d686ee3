namespace RobustFT.Testing.OpenAi;

/// <summary>What <see cref="OpenAiTestServer"/> does instead of (or before) answering a chat completion.</summary>
public enum OpenAiFaultKind
{
    /// <summary>429 with <c>Retry-After</c> (<see cref="OpenAiFault.RetryAfterSeconds"/>).</summary>
    RateLimited,

    /// <summary>500 with an error body.</summary>
    ServerError,

    /// <summary>Waits <see cref="OpenAiFault.Delay"/> before answering normally.</summary>
    Slow,

    /// <summary>A valid answer without <c>logprobs</c>.</summary>
    NoLogprobs,

    /// <summary>A 200 whose body is not JSON.</summary>
    InvalidJson,

    /// <summary>A 200 with <c>"choices": []</c>.</summary>
    NoChoices,
}
