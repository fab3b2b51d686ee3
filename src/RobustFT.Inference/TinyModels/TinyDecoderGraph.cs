using RobustFT.Inference.Onnx.Writing;

namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny decoder as an opset-17 ONNX graph in the Optimum layout. With past: inputs <c>input_ids</c>,
/// <c>attention_mask</c> [batch, past + seq], <c>position_ids</c>, <c>past_key_values.N.key/value</c>; outputs
/// <c>logits</c> and <c>present.N.key/value</c>. Without past: the same minus the cache. The causal + padding mask is
/// built inside the graph from <c>attention_mask</c> and the past length.</summary>
public static class TinyDecoderGraph
{
    private const int BoolType = 9;

    public static byte[] Build(TinyGptWeights weights, bool withPast)
    {
        var spec = weights.Spec;
        var builder = new OnnxGraphBuilder("tiny_gpt");
        var g = new GraphOps(builder);
        const string total = "total_sequence_length";
        builder.AddInput("input_ids", OnnxElementType.Int64, "batch_size", "sequence_length");
        builder.AddInput("attention_mask", OnnxElementType.Int64, "batch_size", withPast ? total : "sequence_length");
        builder.AddInput("position_ids", OnnxElementType.Int64, "batch_size", "sequence_length");
        if (withPast)
            for (var l = 0; l < spec.Layers; l++)
            {
                builder.AddInput($"past_key_values.{l}.key", OnnxElementType.Float, "batch_size", (long)spec.Heads, "past_sequence_length", (long)spec.HeadDim);
                builder.AddInput($"past_key_values.{l}.value", OnnxElementType.Float, "batch_size", (long)spec.Heads, "past_sequence_length", (long)spec.HeadDim);
            }
        builder.AddOutput("logits", OnnxElementType.Float, "batch_size", "sequence_length", (long)spec.VocabSize);
        if (withPast)
            for (var l = 0; l < spec.Layers; l++)
            {
                builder.AddOutput($"present.{l}.key", OnnxElementType.Float, "batch_size", (long)spec.Heads, total, (long)spec.HeadDim);
                builder.AddOutput($"present.{l}.value", OnnxElementType.Float, "batch_size", (long)spec.Heads, total, (long)spec.HeadDim);
            }

        var h = (long)spec.Hidden;
        var wte = g.Weight("transformer.wte.weight", weights.TokenEmbedding, spec.VocabSize, h);
        var wpe = g.Weight("transformer.wpe.weight", weights.PositionEmbedding, spec.ContextWindow, h);
        var x = g.Add(g.Node("Gather", [wte, "input_ids"]), g.Node("Gather", [wpe, "position_ids"]));

        // allowed[b, 0, i, j] = attention_mask[b, j] ∧ j ≤ past + i
        var seq = g.Dim("input_ids", 1);
        var keys = g.Dim("attention_mask", 1);
        var past = g.Node("Sub", [keys, seq]);
        var keyPositions = g.Unsqueeze(g.Node("Range", [g.Scalar(0L), keys, g.Scalar(1L)]), 0);
        var queryPositions = g.Unsqueeze(g.Node("Range", [past, keys, g.Scalar(1L)]), 1);
        var causal = g.Node("LessOrEqual", [keyPositions, queryPositions]);
        var padding = g.Unsqueeze(g.Node("Cast", ["attention_mask"], new() { ["to"] = (long)BoolType }), 1, 2);
        var allowed = g.Node("And", [causal, padding]);

        for (var l = 0; l < spec.Layers; l++)
        {
            var w = weights.Layers[l];
            var p = $"transformer.h.{l}";
            var normed = g.LayerNorm(x, g.Weight($"{p}.ln_1.weight", w.Ln1Scale, h), g.Weight($"{p}.ln_1.bias", w.Ln1Bias, h), TinyGptSpec.LayerNormEpsilon);
            var q = g.SplitHeads(g.Linear(normed, g.Weight($"{p}.attn.q.weight", w.Wq, h, h), g.Weight($"{p}.attn.q.bias", w.Bq, h)), spec.Heads, spec.HeadDim);
            var k = g.SplitHeads(g.Linear(normed, g.Weight($"{p}.attn.k.weight", w.Wk, h, h), g.Weight($"{p}.attn.k.bias", w.Bk, h)), spec.Heads, spec.HeadDim);
            var v = g.SplitHeads(g.Linear(normed, g.Weight($"{p}.attn.v.weight", w.Wv, h, h), g.Weight($"{p}.attn.v.bias", w.Bv, h)), spec.Heads, spec.HeadDim);
            if (withPast)
            {
                k = g.Node("Concat", [$"past_key_values.{l}.key", k], new() { ["axis"] = 2L }, $"present.{l}.key");
                v = g.Node("Concat", [$"past_key_values.{l}.value", v], new() { ["axis"] = 2L }, $"present.{l}.value");
            }
            var attention = g.Attention(q, k, v, allowed, spec.HeadDim, spec.Hidden);
            x = g.Add(x, g.Linear(attention, g.Weight($"{p}.attn.o.weight", w.Wo, h, h), g.Weight($"{p}.attn.o.bias", w.Bo, h)));

            var normed2 = g.LayerNorm(x, g.Weight($"{p}.ln_2.weight", w.Ln2Scale, h), g.Weight($"{p}.ln_2.bias", w.Ln2Bias, h), TinyGptSpec.LayerNormEpsilon);
            var up = g.Gelu(g.Linear(normed2, g.Weight($"{p}.mlp.fc.weight", w.W1, h, spec.MlpHidden), g.Weight($"{p}.mlp.fc.bias", w.B1, spec.MlpHidden)));
            x = g.Add(x, g.Linear(up, g.Weight($"{p}.mlp.proj.weight", w.W2, spec.MlpHidden, h), g.Weight($"{p}.mlp.proj.bias", w.B2, h)));
        }

        var final = g.LayerNorm(x, g.Weight("transformer.ln_f.weight", weights.FinalLnScale, h), g.Weight("transformer.ln_f.bias", weights.FinalLnBias, h), TinyGptSpec.LayerNormEpsilon);
        g.Node("MatMul", [final, g.Weight("lm_head.weight", weights.LmHead, h, spec.VocabSize)], output: "logits");
        return builder.ToBytes();
    }
}
