using Microsoft.ML.OnnxRuntime;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Benchmarking;

/// <summary>The floor the generator is compared with: direct ORT calls of the same model for the same number of decode
/// steps (prefill, then one token per row per call, present tensors fed back as past, argmax of the last logits).</summary>
public static class RawDecodeLoop
{
    public static void Run(OnnxSession session, DecoderLayout layout, int[][] prompts, int newTokens)
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
        var empty = Array.Empty<float>();
        IDisposableReadOnlyCollection<OrtValue>? previous = null;
        try
        {
            for (var step = 0; step < newTokens; step++)
            {
                var mask = new long[batch * total];
                Array.Fill(mask, 1L);
                var names = new List<string> { DecoderLayout.InputIds, DecoderLayout.AttentionMask, DecoderLayout.PositionIdsName };
                var inputs = new List<OrtValue>
                {
                    OrtValue.CreateTensorValueFromMemory(ids, [batch, seq]),
                    OrtValue.CreateTensorValueFromMemory(mask, [batch, total]),
                    OrtValue.CreateTensorValueFromMemory(positions, [batch, seq]),
                };
                var owned = inputs.Count;
                for (var l = 0; l < layout.Layers; l++)
                {
                    names.AddRange([DecoderLayout.PastKey(l), DecoderLayout.PastValue(l)]);
                    if (previous is null)
                    {
                        long[] shape = [batch, layout.Heads, 0, layout.HeadDim];
                        inputs.Add(OrtValue.CreateTensorValueFromMemory(empty, shape));
                        inputs.Add(OrtValue.CreateTensorValueFromMemory(empty, shape));
                        owned += 2;
                    }
                    else
                    {
                        inputs.Add(previous[1 + 2 * l]);
                        inputs.Add(previous[2 + 2 * l]);
                    }
                }
                var outputs = session.Run(names, inputs, outputNames);
                for (var i = 0; i < owned; i++) inputs[i].Dispose();
                previous?.Dispose();
                previous = outputs;

                var logits = outputs[0].GetTensorDataAsSpan<float>();
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
