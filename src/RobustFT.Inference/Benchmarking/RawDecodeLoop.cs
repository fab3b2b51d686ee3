using RobustFT.Inference.Backends;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Benchmarking;

/// <summary>The floor the generator is compared with: direct ORT calls of the same model for the same number of decode
/// steps (prefill, then one token per row per call, present tensors fed back as past, argmax of the last logits).</summary>
public static class RawDecodeLoop
{
    public static void Run(OrtRuntime runtime, OrtSession session, DecoderLayout layout, int[][] prompts, int newTokens)
    {
        var batch = prompts.Length;
        var promptLength = prompts[0].Length;
        var outputNames = new List<string> { DecoderLayout.Logits };
        for (var l = 0; l < layout.Layers; l++) outputNames.AddRange([DecoderLayout.PresentKey(l), DecoderLayout.PresentValue(l)]);

        var ids = new long[batch * promptLength];
        var positions = new long[batch * promptLength];
        for (var b = 0; b < batch; b++)
        for (var t = 0; t < promptLength; t++)
        {
            ids[b * promptLength + t] = prompts[b][t];
            positions[b * promptLength + t] = t;
        }
        var total = promptLength;
        var seq = promptLength;
        var emptyBacking = new float[1];
        OrtValueCollection? previous = null;
        try
        {
            for (var step = 0; step < newTokens; step++)
            {
                var mask = new long[batch * total];
                Array.Fill(mask, 1L);
                var inputs = new List<NamedOrtValue>
                {
                    new(DecoderLayout.InputIds, OrtValue.FromArray(runtime, ids, batch, seq)),
                    new(DecoderLayout.AttentionMask, OrtValue.FromArray(runtime, mask, batch, total)),
                    new(DecoderLayout.PositionIdsName, OrtValue.FromArray(runtime, positions, batch, seq)),
                };
                var owned = inputs.Count;
                for (var l = 0; l < layout.Layers; l++)
                {
                    if (previous is null)
                    {
                        long[] shape = [batch, layout.Heads, 0, layout.HeadDim];
                        inputs.Add(new(DecoderLayout.PastKey(l), OrtValue.FromMemory(runtime, emptyBacking.AsMemory(0, 0), shape)));
                        inputs.Add(new(DecoderLayout.PastValue(l), OrtValue.FromMemory(runtime, emptyBacking.AsMemory(0, 0), shape)));
                        owned += 2;
                    }
                    else
                    {
                        inputs.Add(new(DecoderLayout.PastKey(l), previous[1 + 2 * l]));
                        inputs.Add(new(DecoderLayout.PastValue(l), previous[2 + 2 * l]));
                    }
                }
                var outputs = session.Run(inputs, outputNames);
                for (var i = 0; i < owned; i++) inputs[i].Value.Dispose();
                previous?.Dispose();
                previous = outputs;

                var logits = outputs[0].AsSpan<float>();
                var vocab = layout.VocabSize;
                var next = new long[batch];
                for (var b = 0; b < batch; b++)
                {
                    var row = logits.Slice(((b + 1) * seq - 1) * vocab, vocab);
                    var best = 0;
                    for (var v = 1; v < vocab; v++) if (row[v] > row[best]) best = v;
                    next[b] = best;
                }
                ids = next;
                positions = Enumerable.Repeat((long)total, batch).ToArray();
                seq = 1;
                total++;
            }
        }
        finally
        {
            previous?.Dispose();
        }
    }
}
