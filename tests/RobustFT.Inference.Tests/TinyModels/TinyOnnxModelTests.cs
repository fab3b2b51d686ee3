using RobustFT.Inference.Backends;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tests.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.TinyModels;

/// <summary>Runs in the ONNX Runtime collection: never in parallel with the runtime's own (memory-measuring) tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class TinyOnnxModelTests
{
    private const double Tolerance = 1e-4;
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;
    private static int Vocab => TinyGptSpec.Default.VocabSize;

    [Fact]
    public void Exported_decoder_with_past_matches_the_reference_on_a_left_padded_batch_step_by_step()
    {
        // Row 0: 2 pads + 3 tokens; row 1: 5 tokens. Then two single-token steps through the cache.
        long[] ids = [TinyBpeVocabulary.EndOfTextId, TinyBpeVocabulary.EndOfTextId, 10, 20, 30, 1, 2, 3, 4, 5];
        long[] mask = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        var batch = new DecoderBatch(2, 5, 0, ids, mask, PositionIds.FromMask(mask, 2, 5, 5));
        ReferenceKvCache? referenceCache = null;
        IDecoderState? ortCache = null;
        try
        {
            for (var step = 0; step < 3; step++)
            {
                var expected = ReferenceModels.Gpt.Forward(batch.InputIds, batch.AttentionMask, batch.PositionIds, 2, referenceCache);
                referenceCache = expected.Present;
                using var actual = Models.CachedStep.Run(batch, ortCache);
                ortCache?.Dispose();
                ortCache = actual.TakePresent();
                Assert.Equal(batch.TotalLength, ortCache!.Length);
                for (var b = 0; b < 2; b++)
                for (var s = 0; s < batch.SequenceLength; s++)
                    AssertClose(expected.Logits.AsSpan((b * batch.SequenceLength + s) * Vocab, Vocab), actual.Logits(b, s));

                var total = batch.TotalLength + 1;
                var nextMask = new long[2 * total];
                for (var b = 0; b < 2; b++)
                {
                    batch.AttentionMask.AsSpan(b * (total - 1), total - 1).CopyTo(nextMask.AsSpan(b * total));
                    nextMask[b * total + total - 1] = 1;
                }
                batch = new DecoderBatch(2, 1, total - 1, [40 + step, 50 + step], nextMask, PositionIds.FromMask(nextMask, 2, total, 1));
            }
        }
        finally
        {
            ortCache?.Dispose();
        }
    }

    [Fact]
    public void Exported_decoder_without_past_matches_the_reference_with_left_padding()
    {
        long[] ids = [0, 0, 0, 7, 8, 100, 200, 250, 251, 300];
        long[] mask = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
        var positions = PositionIds.FromMask(mask, 2, 5, 5);
        var expected = ReferenceModels.Gpt.Forward(ids, mask, positions, 2).Logits;

        Assert.False(Models.NoCacheStep.UsesKvCache);
        using var actual = Models.NoCacheStep.Run(new DecoderBatch(2, 5, 0, ids, mask, positions), null);
        for (var b = 0; b < 2; b++)
        for (var s = 0; s < 5; s++)
            AssertClose(expected.AsSpan((b * 5 + s) * Vocab, Vocab), actual.Logits(b, s));
    }

    [Fact]
    public void Exported_encoder_matches_the_reference()
    {
        var spec = TinyEncoderSpec.Default;
        var reference = new ReferenceEncoder(TinyEncoderWeights.Create(spec, 1234));
        long[] ids = [2, 60, 70, 80, 3, 2, 90, 3, 0, 0];
        long[] mask = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
        long[] types = new long[10];
        var expected = reference.Forward(ids, mask, 2, types);

        using var session = OnnxSession.Open(Path.Combine(Models.EncoderDirectory, TinyModelExporter.ModelFileName), TinyModelsFixture.Config);
        using var outputs = session.Run(
        [
            ("input_ids", OnnxTestRuns.Tensor(ids, 2, 5)),
            ("attention_mask", OnnxTestRuns.Tensor(mask, 2, 5)),
            ("token_type_ids", OnnxTestRuns.Tensor(types, 2, 5)),
        ], ["last_hidden_state"]);

        Assert.Equal([2L, 5, spec.Hidden], outputs[0].Shape());
        AssertClose(expected, outputs[0].GetTensorDataAsSpan<float>());
    }

    [Fact]
    public void The_decoder_layout_is_detected_from_the_export()
    {
        var layout = Models.CachedStep.Layout;

        Assert.Equal(new DecoderLayout(true, 2, 4, 16, Vocab, true, false), layout);
        Assert.Equal("optimum-decoder-with-past", layout.LayoutName);
        Assert.Equal("optimum-decoder", Models.NoCacheStep.Layout.LayoutName);
    }

    [Fact]
    public void The_exporter_writes_identical_bytes_for_the_same_seed_and_different_weights_for_another()
    {
        var a = Directory.CreateTempSubdirectory("robustft-det-").FullName;
        var b = Directory.CreateTempSubdirectory("robustft-det-").FullName;
        var c = Directory.CreateTempSubdirectory("robustft-det-").FullName;
        try
        {
            TinyModelExporter.Write(a, 99);
            TinyModelExporter.Write(b, 99);
            TinyModelExporter.Write(c, 100);
            var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Contains(Path.Combine("decoder", "model.onnx"), files);
            Assert.Contains(Path.Combine("encoder", "model.onnx"), files);
            Assert.Contains(Path.Combine("decoder", TinyModelExporter.ManifestFileName), files);
            foreach (var file in files) Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "decoder", "model.onnx")), File.ReadAllBytes(Path.Combine(c, "decoder", "model.onnx")));
        }
        finally
        {
            foreach (var dir in new[] { a, b, c }) Directory.Delete(dir, true);
        }
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst < Tolerance, $"max abs diff {worst}");
    }
}
