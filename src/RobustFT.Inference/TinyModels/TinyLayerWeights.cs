namespace RobustFT.Inference.TinyModels;

/// <summary>One transformer block. Matrices are row-major [in, out] so that <c>y = x · W + b</c> (ONNX MatMul).</summary>
public sealed record TinyLayerWeights(
    float[] Ln1Scale, float[] Ln1Bias,
    float[] Wq, float[] Bq, float[] Wk, float[] Bk, float[] Wv, float[] Bv,
    float[] Wo, float[] Bo,
    float[] Ln2Scale, float[] Ln2Bias,
    float[] W1, float[] B1, float[] W2, float[] B2)
{
    internal static TinyLayerWeights Create(WeightGenerator g, int hidden, int mlpHidden) => new(
        g.Gain(hidden), g.Bias(hidden),
        g.Matrix(hidden, hidden), g.Bias(hidden), g.Matrix(hidden, hidden), g.Bias(hidden), g.Matrix(hidden, hidden), g.Bias(hidden),
        g.Matrix(hidden, hidden), g.Bias(hidden),
        g.Gain(hidden), g.Bias(hidden),
        g.Matrix(hidden, mlpHidden), g.Bias(mlpHidden), g.Matrix(mlpHidden, hidden), g.Bias(hidden));
}
