namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny decoder's forward pass in plain C# floats, with the exact semantics of the exported ONNX graph:
/// query i of a call sees key j when <c>attention_mask[b, j] = 1</c> and <c>j ≤ past + i</c>.</summary>
public sealed class ReferenceGpt(TinyGptWeights weights)
{
    public TinyGptSpec Spec => weights.Spec;

    /// <param name="inputIds">[batch, seq]</param>
    /// <param name="attentionMask">[batch, past + seq]</param>
    /// <param name="positionIds">[batch, seq]</param>
    /// <param name="past">null for an empty cache</param>
    public ReferenceGptOutput Forward(long[] inputIds, long[] attentionMask, long[] positionIds, int batch, ReferenceKvCache? past = null)
    {
        var spec = weights.Spec;
        var seq = inputIds.Length / batch;
        past ??= ReferenceKvCache.Empty(batch, spec.Layers, spec.Heads, spec.HeadDim);
        var pastLength = past.Length;
        var total = pastLength + seq;
        if (attentionMask.Length != batch * total)
            throw new ArgumentException($"attention_mask has {attentionMask.Length} values; expected batch {batch} × (past {pastLength} + seq {seq}).");
        var rows = batch * seq;
        var h = spec.Hidden;

        var x = new float[rows * h];
        for (var r = 0; r < rows; r++)
        {
            var token = weights.TokenEmbedding.AsSpan(checked((int)inputIds[r]) * h, h);
            var position = weights.PositionEmbedding.AsSpan(checked((int)positionIds[r]) * h, h);
            for (var c = 0; c < h; c++) x[r * h + c] = token[c] + position[c];
        }

        var keys = new float[spec.Layers][];
        var values = new float[spec.Layers][];
        for (var l = 0; l < spec.Layers; l++)
        {
            var layer = weights.Layers[l];
            var normed = ReferenceMath.LayerNorm(x, rows, h, layer.Ln1Scale, layer.Ln1Bias, TinyGptSpec.LayerNormEpsilon);
            var q = ReferenceMath.SplitHeads(ReferenceMath.Linear(normed, rows, h, layer.Wq, layer.Bq, h), batch, seq, spec.Heads, spec.HeadDim);
            var k = ReferenceMath.SplitHeads(ReferenceMath.Linear(normed, rows, h, layer.Wk, layer.Bk, h), batch, seq, spec.Heads, spec.HeadDim);
            var v = ReferenceMath.SplitHeads(ReferenceMath.Linear(normed, rows, h, layer.Wv, layer.Bv, h), batch, seq, spec.Heads, spec.HeadDim);
            keys[l] = ReferenceMath.ConcatSequence(past.Keys[l], pastLength, k, seq, batch, spec.Heads, spec.HeadDim);
            values[l] = ReferenceMath.ConcatSequence(past.Values[l], pastLength, v, seq, batch, spec.Heads, spec.HeadDim);
            var attention = ReferenceMath.Attention(q, keys[l], values[l], batch, spec.Heads, seq, total, spec.HeadDim,
                (b, i, j) => attentionMask[b * total + j] != 0 && j <= pastLength + i);
            var merged = ReferenceMath.MergeHeads(attention, batch, seq, spec.Heads, spec.HeadDim);
            ReferenceMath.AddInPlace(x, ReferenceMath.Linear(merged, rows, h, layer.Wo, layer.Bo, h));

            var normed2 = ReferenceMath.LayerNorm(x, rows, h, layer.Ln2Scale, layer.Ln2Bias, TinyGptSpec.LayerNormEpsilon);
            var up = ReferenceMath.Linear(normed2, rows, h, layer.W1, layer.B1, spec.MlpHidden);
            ReferenceMath.GeluInPlace(up);
            ReferenceMath.AddInPlace(x, ReferenceMath.Linear(up, rows, spec.MlpHidden, layer.W2, layer.B2, h));
        }

        var final = ReferenceMath.LayerNorm(x, rows, h, weights.FinalLnScale, weights.FinalLnBias, TinyGptSpec.LayerNormEpsilon);
        var logits = ReferenceMath.Linear(final, rows, h, weights.LmHead, new float[spec.VocabSize], spec.VocabSize);
        return new ReferenceGptOutput(logits, new ReferenceKvCache(batch, spec.Heads, total, spec.HeadDim, keys, values));
    }
}
