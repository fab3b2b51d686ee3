using Microsoft.ML.OnnxRuntime.Tensors;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Backends;

/// <summary>What an Optimum decoder export looks like: with or without <c>past_key_values.N.key/value</c>, how many
/// layers, the cache's heads and head size, the vocabulary (logits' last dim, -1 when symbolic) and which optional
/// inputs (<c>position_ids</c>, <c>use_cache_branch</c> of merged exports) it takes.</summary>
public sealed record DecoderLayout(bool UsesKvCache, int Layers, int Heads, int HeadDim, int VocabSize, bool HasPositionIds, bool HasUseCacheBranch)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIdsName = "position_ids";
    public const string UseCacheBranch = "use_cache_branch";
    public const string Logits = "logits";

    public string LayoutName => UsesKvCache ? (HasUseCacheBranch ? "optimum-decoder-merged" : "optimum-decoder-with-past") : "optimum-decoder";

    public static string PastKey(int layer) => $"past_key_values.{layer}.key";
    public static string PastValue(int layer) => $"past_key_values.{layer}.value";
    public static string PresentKey(int layer) => $"present.{layer}.key";
    public static string PresentValue(int layer) => $"present.{layer}.value";

    /// <summary>Reads the layout from a model's inputs and outputs; <paramref name="source"/> names the file in errors.</summary>
    public static DecoderLayout Detect(string source, IReadOnlyList<OrtNodeInfo> inputs, IReadOnlyList<OrtNodeInfo> outputs)
    {
        string Listing(IReadOnlyList<OrtNodeInfo> infos) => string.Join(", ", infos.Select(i => i.Name));
        var inputByName = inputs.ToDictionary(i => i.Name);
        var outputByName = outputs.ToDictionary(o => o.Name);
        foreach (var required in new[] { InputIds, AttentionMask })
            if (!inputByName.ContainsKey(required))
                throw new ModelLayoutException($"{source}: the decoder has no input '{required}' (inputs: {Listing(inputs)}); expected an Optimum text-generation export");
        if (!outputByName.TryGetValue(Logits, out var logits))
            throw new ModelLayoutException($"{source}: the decoder has no output '{Logits}' (outputs: {Listing(outputs)}); expected an Optimum text-generation export");
        if (logits.ElementType != TensorElementType.Float)
            throw new ModelLayoutException($"{source}: output '{Logits}' is {logits.ElementType}; only float32 logits are supported");
        if (logits.Shape.Count != 3)
            throw new ModelLayoutException($"{source}: output '{Logits}' has rank {logits.Shape.Count}; expected [batch, sequence, vocab]");

        var pastNames = inputs.Select(i => i.Name).Where(n => n.StartsWith("past_key_values.", StringComparison.Ordinal)).ToHashSet();
        var layers = pastNames.Count / 2;
        int heads = 0, headDim = 0;
        for (var l = 0; l < layers; l++)
        {
            foreach (var (pastName, presentName) in new[] { (PastKey(l), PresentKey(l)), (PastValue(l), PresentValue(l)) })
            {
                if (!inputByName.TryGetValue(pastName, out var past))
                    throw new ModelLayoutException($"{source}: past inputs are not past_key_values.0..{layers - 1}.key/value: '{pastName}' is missing (past inputs: {string.Join(", ", pastNames.Order(StringComparer.Ordinal))})");
                if (!outputByName.ContainsKey(presentName))
                    throw new ModelLayoutException($"{source}: input '{pastName}' has no matching output '{presentName}' (outputs: {Listing(outputs)})");
                if (past.ElementType != TensorElementType.Float || past.Shape.Count != 4 || past.Shape[1] <= 0 || past.Shape[3] <= 0)
                    throw new ModelLayoutException($"{source}: input '{pastName}' is {past}; expected float32 [batch, heads, past_sequence, head_dim] with fixed heads and head_dim");
                if (l > 0 || pastName != PastKey(0))
                {
                    if (past.Shape[1] != heads || past.Shape[3] != headDim)
                        throw new ModelLayoutException($"{source}: input '{pastName}' is {past}; expected {heads} heads of size {headDim} like past_key_values.0.key");
                }
                heads = (int)past.Shape[1];
                headDim = (int)past.Shape[3];
            }
        }
        if (pastNames.Count != layers * 2)
            throw new ModelLayoutException($"{source}: past inputs are not pairs past_key_values.N.key/value (found: {string.Join(", ", pastNames.Order(StringComparer.Ordinal))})");

        return new DecoderLayout(layers > 0, layers, heads, headDim, (int)logits.Shape[2],
            inputByName.ContainsKey(PositionIdsName), inputByName.ContainsKey(UseCacheBranch));
    }
}
