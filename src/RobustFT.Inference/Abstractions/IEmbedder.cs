namespace RobustFT.Inference.Abstractions;

/// <summary>A sentence encoder: one L2-normalised vector per text.</summary>
public interface IEmbedder
{
    /// <summary>Identifies the encoder in cache keys.</summary>
    string ModelId { get; }

    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
