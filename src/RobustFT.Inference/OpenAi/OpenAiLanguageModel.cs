using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.OpenAi;

/// <summary><see cref="ILanguageModel"/> served by an OpenAI-compatible server: each request of a batch is its own
/// chat completion, sent concurrently up to the client's in-flight limit (the server batches). A request that fails
/// (timeout, error status after the retries, malformed answer) comes back failed with the reason; the others are
/// unaffected.</summary>
public sealed class OpenAiLanguageModel(OpenAiClient client, string model, bool ownsClient = true) : ILanguageModel, IDisposable
{
    /// <summary>Backend, base URL and served model: a different server or model never shares cache entries.</summary>
    public string ModelId { get; } = $"openai:{client.Options.BaseUrlText}#{model}";

    public OpenAiClient Client => client;

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken) =>
        await Task.WhenAll(batch.Select(r => GenerateAsync(r, cancellationToken)));

    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await client.PostAsync("chat/completions", ChatCompletionRequest.Build(model, request), ChatCompletionRequest.Headers(request), cancellationToken);
            return ChatCompletionReader.Read(answer.RootElement);
        }
        catch (OpenAiException e)
        {
            return GenerationResult.Failed($"{ModelId}: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }
}
