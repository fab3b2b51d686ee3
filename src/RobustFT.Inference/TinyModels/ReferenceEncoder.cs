namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny encoder's forward pass in plain C# floats (BERT: post-LayerNorm blocks, padding-only attention
/// mask, positions 0..seq-1). Returns <c>last_hidden_state</c> [batch, seq, hidden].</summary>
public sealed class ReferenceEncoder(TinyEncoderWeights weights)
{
    public TinyEncoderSpec Spec => weights.Spec;

    public float[] Forward(long[] inputIds, long[] attentionMask, int batch, long[]? tokenTypeIds = null)
    {
        var spec = weights.Spec;
        var seq = inputIds.Length / batch;
        var rows = batch * seq;
        var h = spec.Hidden;
        var x = new float[rows * h];
        for (var r = 0; r < rows; r++)
        {
            var word = weights.WordEmbedding.AsSpan(checked((int)inputIds[r]) * h, h);
            var position = weights.PositionEmbedding.AsSpan(r % seq * h, h);
            var type = weights.TypeEmbedding.AsSpan(checked((int)(tokenTypeIds?[r] ?? 0)) * h, h);
            for (var c = 0; c < h; c++) x[r * h + c] = word[c] + position[c] + type[c];
        }
        x = ReferenceMath.LayerNorm(x, rows, h, weights.EmbeddingLnScale, weights.EmbeddingLnBias, TinyEncoderSpec.LayerNormEpsilon);

        foreach (var layer in weights.Layers)
        {
            var q = ReferenceMath.SplitHeads(ReferenceMath.Linear(x, rows, h, layer.Wq, layer.Bq, h), batch, seq, spec.Heads, spec.HeadDim);
            var k = ReferenceMath.SplitHeads(ReferenceMath.Linear(x, rows, h, layer.Wk, layer.Bk, h), batch, seq, spec.Heads, spec.HeadDim);
            var v = ReferenceMath.SplitHeads(ReferenceMath.Linear(x, rows, h, layer.Wv, layer.Bv, h), batch, seq, spec.Heads, spec.HeadDim);
            var attention = ReferenceMath.Attention(q, k, v, batch, spec.Heads, seq, seq, spec.HeadDim,
                (b, _, j) => attentionMask[b * seq + j] != 0);
            var merged = ReferenceMath.MergeHeads(attention, batch, seq, spec.Heads, spec.HeadDim);
            var projected = ReferenceMath.Linear(merged, rows, h, layer.Wo, layer.Bo, h);
            ReferenceMath.AddInPlace(projected, x);
            x = ReferenceMath.LayerNorm(projected, rows, h, layer.Ln1Scale, layer.Ln1Bias, TinyEncoderSpec.LayerNormEpsilon);

            var up = ReferenceMath.Linear(x, rows, h, layer.W1, layer.B1, spec.MlpHidden);
            ReferenceMath.GeluInPlace(up);
            var down = ReferenceMath.Linear(up, rows, spec.MlpHidden, layer.W2, layer.B2, h);
            ReferenceMath.AddInPlace(down, x);
            x = ReferenceMath.LayerNorm(down, rows, h, layer.Ln2Scale, layer.Ln2Bias, TinyEncoderSpec.LayerNormEpsilon);
        }
        return x;
    }
}
