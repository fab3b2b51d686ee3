namespace RobustFT.Inference.OpenAi;

/// <summary>A request to the OpenAI-compatible server failed; <see cref="Kind"/> says how, the message says why in
/// words an operator can act on.</summary>
public sealed class OpenAiException(OpenAiFailure kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public OpenAiFailure Kind { get; } = kind;
}
