using System.Security.Cryptography;
using System.Text;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A deterministic fake encoder: four dimensions from the text's hash, L2-normalised; counts the texts embedded.
/// A call with one of <see cref="FailingTexts"/> in it throws, as a server's malformed answer fails the whole call.</summary>
public sealed class HashEmbedder : IEmbedder
{
    private int _texts;

    public string ModelId => "e";

    public int Texts => Volatile.Read(ref _texts);

    public HashSet<string> FailingTexts { get; } = [];

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Any(FailingTexts.Contains)) throw new InvalidOperationException("malformed embedding response");
        Interlocked.Add(ref _texts, texts.Count);
        IReadOnlyList<float[]> vectors = texts.Select(Vector).ToList();
        return Task.FromResult(vectors);
    }

    private static float[] Vector(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var v = Enumerable.Range(0, 4).Select(i => hash[i] + 1f).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
