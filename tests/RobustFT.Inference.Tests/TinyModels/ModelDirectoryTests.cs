using RobustFT.Inference.Backends;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.TinyModels;

/// <summary>Runs in the ONNX Runtime collection: never in parallel with the runtime's own (memory-measuring) tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class ModelDirectoryTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    [Fact]
    public void The_exported_decoder_directory_is_reported_usable_with_its_layout_tokenizer_and_template()
    {
        var report = ModelDirectory.Inspect(Models.DecoderDirectory, TinyModelsFixture.Config);

        Assert.True(report.Usable, string.Join("; ", report.Problems));
        Assert.Equal("decoder", report.Kind);
        Assert.Equal("optimum-decoder-with-past", report.Layout);
        Assert.Equal("ByteLevelBpe", report.TokenizerKind);
        Assert.Equal(TinyBpeVocabulary.Size, report.TokenizerVocabSize);
        Assert.Equal(TinyGptSpec.Default.VocabSize, report.ModelVocabSize);
        Assert.Equal(512, report.ContextWindow);
        Assert.Equal("chatml", report.ChatTemplate);
        Assert.Equal("cpu", report.ExecutionProvider);
        Assert.True(report.SmokeModel);
        Assert.Contains(report.Inputs, i => i.StartsWith("past_key_values.1.value", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exported_encoder_directory_is_reported_as_a_wordpiece_encoder()
    {
        var report = ModelDirectory.Inspect(Models.EncoderDirectory, TinyModelsFixture.Config);

        Assert.True(report.Usable, string.Join("; ", report.Problems));
        Assert.Equal("encoder", report.Kind);
        Assert.Equal("optimum-encoder", report.Layout);
        Assert.Equal("WordPiece", report.TokenizerKind);
        Assert.Null(report.ChatTemplate);
    }

    [Fact]
    public void An_encoder_with_a_sentence_embedding_output_is_reported_as_sentence_transformers()
    {
        var report = ModelDirectory.Inspect(Models.PooledEncoderDirectory, TinyModelsFixture.Config);

        Assert.True(report.Usable, string.Join("; ", report.Problems));
        Assert.Equal("sentence-transformers", report.Layout);
        Assert.Contains(report.Outputs, o => o.StartsWith("sentence_embedding", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_with_a_broken_tokenizer_is_reported_with_the_problem()
    {
        var directory = Path.Combine(Models.Root, "broken-tokenizer");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(Models.DecoderDirectory, "model.onnx"), Path.Combine(directory, "model.onnx"), true);
        File.Copy(Path.Combine(Models.DecoderDirectory, "config.json"), Path.Combine(directory, "config.json"), true);
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), "{ not json");

        var report = ModelDirectory.Inspect(directory, TinyModelsFixture.Config);

        Assert.False(report.Usable);
        Assert.Contains(report.Problems, p => p.Contains("tokenizer.json", StringComparison.Ordinal));
    }
}
