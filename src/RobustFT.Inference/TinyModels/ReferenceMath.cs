namespace RobustFT.Inference.TinyModels;

/// <summary>The float kernels of the reference forward passes, written plainly so they can be read against the ONNX graph.</summary>
internal static class ReferenceMath
{
    /// <summary>The value a disallowed attention score is replaced with (the ONNX graph uses the same constant).</summary>
    public const float MaskedScore = -1e9f;

    public const float GeluCubic = 0.044715f;
    public const float GeluScale = 0.7978845608028654f; // sqrt(2 / pi)

    /// <summary>rows × [in] · [in, out] + bias → rows × [out].</summary>
    public static float[] Linear(float[] x, int rows, int inDim, float[] w, float[] bias, int outDim)
    {
        var y = new float[rows * outDim];
        for (var r = 0; r < rows; r++)
        {
            var yRow = y.AsSpan(r * outDim, outDim);
            bias.CopyTo(yRow);
            for (var k = 0; k < inDim; k++)
            {
                var xv = x[r * inDim + k];
                var wRow = w.AsSpan(k * outDim, outDim);
                for (var c = 0; c < outDim; c++) yRow[c] += xv * wRow[c];
            }
        }
        return y;
    }

    public static float[] LayerNorm(float[] x, int rows, int dim, float[] scale, float[] bias, float epsilon)
    {
        var y = new float[x.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * dim, dim);
            float mean = 0;
            foreach (var v in row) mean += v;
            mean /= dim;
            float variance = 0;
            foreach (var v in row) variance += (v - mean) * (v - mean);
            variance /= dim;
            var inv = 1f / MathF.Sqrt(variance + epsilon);
            for (var c = 0; c < dim; c++) y[r * dim + c] = (row[c] - mean) * inv * scale[c] + bias[c];
        }
        return y;
    }

    public static void GeluInPlace(float[] x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            x[i] = v * 0.5f * (MathF.Tanh((v + v * v * v * GeluCubic) * GeluScale) + 1f);
        }
    }

    public static void AddInPlace(float[] x, float[] y)
    {
        for (var i = 0; i < x.Length; i++) x[i] += y[i];
    }

    public static void SoftmaxInPlace(Span<float> x)
    {
        var max = float.NegativeInfinity;
        foreach (var v in x) max = MathF.Max(max, v);
        float sum = 0;
        for (var i = 0; i < x.Length; i++) sum += x[i] = MathF.Exp(x[i] - max);
        for (var i = 0; i < x.Length; i++) x[i] /= sum;
    }

    /// <summary>[B, S, heads·D] → [B, heads, S, D].</summary>
    public static float[] SplitHeads(float[] x, int batch, int seq, int heads, int headDim)
    {
        var y = new float[x.Length];
        for (var b = 0; b < batch; b++)
        for (var s = 0; s < seq; s++)
        for (var h = 0; h < heads; h++)
            x.AsSpan(((b * seq) + s) * heads * headDim + h * headDim, headDim)
                .CopyTo(y.AsSpan((((b * heads) + h) * seq + s) * headDim, headDim));
        return y;
    }

    /// <summary>[B, heads, S, D] → [B, S, heads·D].</summary>
    public static float[] MergeHeads(float[] x, int batch, int seq, int heads, int headDim)
    {
        var y = new float[x.Length];
        for (var b = 0; b < batch; b++)
        for (var s = 0; s < seq; s++)
        for (var h = 0; h < heads; h++)
            x.AsSpan((((b * heads) + h) * seq + s) * headDim, headDim)
                .CopyTo(y.AsSpan(((b * seq) + s) * heads * headDim + h * headDim, headDim));
        return y;
    }

    /// <summary>Concatenates [B, heads, P, D] and [B, heads, S, D] along the sequence axis.</summary>
    public static float[] ConcatSequence(float[] past, int pastLength, float[] current, int seq, int batch, int heads, int headDim)
    {
        var total = pastLength + seq;
        var y = new float[batch * heads * total * headDim];
        for (var bh = 0; bh < batch * heads; bh++)
        {
            past.AsSpan(bh * pastLength * headDim, pastLength * headDim).CopyTo(y.AsSpan(bh * total * headDim));
            current.AsSpan(bh * seq * headDim, seq * headDim).CopyTo(y.AsSpan((bh * total + pastLength) * headDim));
        }
        return y;
    }

    /// <summary>Scaled dot-product attention over [B, heads, ·, D] tensors; <paramref name="allowed"/>(b, i, j) says
    /// whether query i may see key j. Returns [B, heads, S, D].</summary>
    public static float[] Attention(float[] q, float[] k, float[] v, int batch, int heads, int seq, int keys, int headDim,
        Func<int, int, int, bool> allowed)
    {
        var output = new float[batch * heads * seq * headDim];
        var scale = 1f / MathF.Sqrt(headDim);
        var scores = new float[keys];
        for (var b = 0; b < batch; b++)
        for (var h = 0; h < heads; h++)
        {
            var bh = b * heads + h;
            for (var i = 0; i < seq; i++)
            {
                var query = q.AsSpan((bh * seq + i) * headDim, headDim);
                for (var j = 0; j < keys; j++)
                {
                    var key = k.AsSpan((bh * keys + j) * headDim, headDim);
                    float dot = 0;
                    for (var d = 0; d < headDim; d++) dot += query[d] * key[d];
                    scores[j] = allowed(b, i, j) ? dot * scale : MaskedScore;
                }
                SoftmaxInPlace(scores);
                var outRow = output.AsSpan((bh * seq + i) * headDim, headDim);
                for (var j = 0; j < keys; j++)
                {
                    var value = v.AsSpan((bh * keys + j) * headDim, headDim);
                    for (var d = 0; d < headDim; d++) outRow[d] += scores[j] * value[d];
                }
            }
        }
        return output;
    }
}
