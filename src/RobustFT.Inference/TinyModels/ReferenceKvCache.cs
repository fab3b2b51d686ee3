namespace RobustFT.Inference.TinyModels;

/// <summary>Keys and values of every layer, each [batch, heads, length, headDim] row-major.</summary>
public sealed record ReferenceKvCache(int Batch, int Heads, int Length, int HeadDim, float[][] Keys, float[][] Values)
{
    public static ReferenceKvCache Empty(int batch, int layers, int heads, int headDim) =>
        new(batch, heads, 0, headDim,
            Enumerable.Range(0, layers).Select(_ => Array.Empty<float>()).ToArray(),
            Enumerable.Range(0, layers).Select(_ => Array.Empty<float>()).ToArray());
}
