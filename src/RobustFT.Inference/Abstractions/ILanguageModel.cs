namespace RobustFT.Inference.Abstractions;

/// <summary>A generative model serving batches of chat completions (one GPU worker owns one instance).</summary>
public interface ILanguageModel
{
    /// <summary>Identifies the model in cache keys: a different model must have a different id.</summary>
    string ModelId { get; }

    /// <summary>Runs a batch; the result list has one entry per request, in order.</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken);
}
