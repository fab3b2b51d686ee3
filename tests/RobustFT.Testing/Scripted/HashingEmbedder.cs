using System.Security.Cryptography;
using System.Text;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Testing.Scripted;

/// <summary>A test-only encoder: hashed bag of lower-cased words, L2-normalised. Questions sharing words are similar.</summary>
public sealed class HashingEmbedder(int dimensions = 256) : IEmbedder
{
    public string ModelId => $"hashing-embedder({dimensions})";

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<float[]>>(texts.Select(Embed).ToList());

    public float[] Embed(string text)
    {
        var v = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var h = SHA256.HashData(Encoding.UTF8.GetBytes(word));
            v[BitConverter.ToUInt32(h, 0) % (uint)dimensions] += (h[4] & 1) == 0 ? 1f : -1f;
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm == 0) v[0] = 1;
        else for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }
}
