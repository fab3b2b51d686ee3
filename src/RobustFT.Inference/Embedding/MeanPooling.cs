namespace RobustFT.Inference.Embedding;

/// <summary>Mean of the token vectors whose mask is 1: hidden [batch, seq, dim] → one vector per row.</summary>
public static class MeanPooling
{
    public static float[][] Pool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int batch, int seq, int dim)
    {
        var pooled = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var sum = new double[dim];
            var count = 0;
            for (var s = 0; s < seq; s++)
            {
                if (mask[b * seq + s] == 0) continue;
                count++;
                var row = hidden.Slice((b * seq + s) * dim, dim);
                for (var d = 0; d < dim; d++) sum[d] += row[d];
            }
            pooled[b] = sum.Select(v => count == 0 ? 0f : (float)(v / count)).ToArray();
        }
        return pooled;
    }
}
