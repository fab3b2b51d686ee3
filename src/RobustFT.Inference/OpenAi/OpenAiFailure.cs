namespace RobustFT.Inference.OpenAi;

/// <summary>How a request to the server failed.</summary>
public enum OpenAiFailure
{
    /// <summary>No connection (refused, DNS, reset) even after the retries.</summary>
    Unreachable,

    /// <summary>401 or 403: the API key is missing or wrong.</summary>
    Unauthorized,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>429 or 5xx after every retry, or another error status.</summary>
    HttpError,

    /// <summary>An answer that is not the expected JSON (invalid JSON, no choices, no logprobs, no embedding).</summary>
    Malformed,
}
