using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>Wraps an encoder and counts the texts it embeds.</summary>
public sealed class CountingEmbedder(IEmbedder inner) : IEmbedder
{
    private int _texts;

    public string ModelId => inner.ModelId;

    public int Texts => Volatile.Read(ref _texts);

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return inner.EmbedAsync(texts, cancellationToken);
    }
}
