using RobustFT.Core.Randomness;
using RobustFT.Inference.Generation;

namespace RobustFT.Inference.TinyModels;

/// <summary>Draws weights from one <see cref="SplitMix64"/> stream in a fixed order, so a seed fixes every value.</summary>
internal sealed class WeightGenerator(long seed)
{
    private readonly SplitMix64 _random = new(seed);

    /// <summary>[rows, cols] uniform with a fan-in scale that keeps activations near unit size.</summary>
    public float[] Matrix(int rows, int cols, float gain = 1.7f) => Fill(rows * cols, gain / MathF.Sqrt(rows), 0);

    public float[] Embedding(int rows, int cols, float scale = 1f) => Fill(rows * cols, scale, 0);

    public float[] Bias(int n) => Fill(n, 0.1f, 0);

    public float[] Gain(int n) => Fill(n, 0.2f, 1);

    private float[] Fill(int n, float scale, float offset)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++) values[i] = offset + _random.NextSymmetric(scale);
        return values;
    }
}
