using RobustFT.Inference.Onnx.Writing;

namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny encoder as an opset-17 ONNX graph in the Optimum feature-extraction layout: inputs
/// <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c> [batch, seq] → <c>last_hidden_state</c>, and with
/// <c>sentenceEmbedding</c> also <c>sentence_embedding</c> [batch, hidden] (mean over the mask, not normalised), like a
/// sentence-transformers export.</summary>
public static class TinyEncoderGraph
{
    private const int FloatType = 1;
    private const int BoolType = 9;

    public static byte[] Build(TinyEncoderWeights weights, bool sentenceEmbedding = false)
    {
        var spec = weights.Spec;
        var builder = new OnnxGraphBuilder("tiny_bert");
        var g = new GraphOps(builder);
        foreach (var input in new[] { "input_ids", "attention_mask", "token_type_ids" })
            builder.AddInput(input, OnnxElementType.Int64, "batch_size", "sequence_length");
        builder.AddOutput("last_hidden_state", OnnxElementType.Float, "batch_size", "sequence_length", (long)spec.Hidden);
        if (sentenceEmbedding) builder.AddOutput("sentence_embedding", OnnxElementType.Float, "batch_size", (long)spec.Hidden);

        var h = (long)spec.Hidden;
        var positions = g.Node("Range", [g.Scalar(0L), g.Dim("input_ids", 1), g.Scalar(1L)]);
        var words = g.Node("Gather", [g.Weight("embeddings.word_embeddings.weight", weights.WordEmbedding, spec.VocabSize, h), "input_ids"]);
        var positionVectors = g.Node("Gather", [g.Weight("embeddings.position_embeddings.weight", weights.PositionEmbedding, spec.MaxPositions, h), positions]);
        var types = g.Node("Gather", [g.Weight("embeddings.token_type_embeddings.weight", weights.TypeEmbedding, TinyEncoderWeights.TypeVocabulary, h), "token_type_ids"]);
        var x = g.LayerNorm(g.Add(g.Add(words, positionVectors), types),
            g.Weight("embeddings.LayerNorm.weight", weights.EmbeddingLnScale, h), g.Weight("embeddings.LayerNorm.bias", weights.EmbeddingLnBias, h), TinyEncoderSpec.LayerNormEpsilon);
        var allowed = g.Unsqueeze(g.Node("Cast", ["attention_mask"], new() { ["to"] = (long)BoolType }), 1, 2);

        for (var l = 0; l < spec.Layers; l++)
        {
            var w = weights.Layers[l];
            var p = $"encoder.layer.{l}";
            var q = g.SplitHeads(g.Linear(x, g.Weight($"{p}.attention.query.weight", w.Wq, h, h), g.Weight($"{p}.attention.query.bias", w.Bq, h)), spec.Heads, spec.HeadDim);
            var k = g.SplitHeads(g.Linear(x, g.Weight($"{p}.attention.key.weight", w.Wk, h, h), g.Weight($"{p}.attention.key.bias", w.Bk, h)), spec.Heads, spec.HeadDim);
            var v = g.SplitHeads(g.Linear(x, g.Weight($"{p}.attention.value.weight", w.Wv, h, h), g.Weight($"{p}.attention.value.bias", w.Bv, h)), spec.Heads, spec.HeadDim);
            var attention = g.Attention(q, k, v, allowed, spec.HeadDim, spec.Hidden);
            var projected = g.Linear(attention, g.Weight($"{p}.attention.output.weight", w.Wo, h, h), g.Weight($"{p}.attention.output.bias", w.Bo, h));
            x = g.LayerNorm(g.Add(projected, x), g.Weight($"{p}.attention.LayerNorm.weight", w.Ln1Scale, h), g.Weight($"{p}.attention.LayerNorm.bias", w.Ln1Bias, h), TinyEncoderSpec.LayerNormEpsilon);

            var up = g.Gelu(g.Linear(x, g.Weight($"{p}.intermediate.weight", w.W1, h, spec.MlpHidden), g.Weight($"{p}.intermediate.bias", w.B1, spec.MlpHidden)));
            var down = g.Linear(up, g.Weight($"{p}.output.weight", w.W2, spec.MlpHidden, h), g.Weight($"{p}.output.bias", w.B2, h));
            x = g.LayerNorm(g.Add(down, x), g.Weight($"{p}.output.LayerNorm.weight", w.Ln2Scale, h), g.Weight($"{p}.output.LayerNorm.bias", w.Ln2Bias, h), TinyEncoderSpec.LayerNormEpsilon);
        }
        g.Node("Identity", [x], output: "last_hidden_state");
        if (sentenceEmbedding)
        {
            var weightsOfTokens = g.Unsqueeze(g.Node("Cast", ["attention_mask"], new() { ["to"] = (long)FloatType }), 2);
            var sum = g.Node("ReduceSum", [g.Mul(x, weightsOfTokens), g.Vector(1)], new() { ["keepdims"] = 0L });
            var count = g.Node("ReduceSum", [weightsOfTokens, g.Vector(1)], new() { ["keepdims"] = 0L });
            g.Node("Div", [sum, count], output: "sentence_embedding");
        }
        return builder.ToBytes();
    }
}
