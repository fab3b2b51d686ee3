using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Writing;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;
using RobustFT.Inference.TinyModels;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Runs in the ONNX Runtime collection: never in parallel with the runtime's own (memory-measuring) tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxLanguageModelTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    [Fact]
    public async Task A_loaded_model_directory_renders_chatml_tokenizes_and_generates_like_the_reference()
    {
        using var model = OnnxLanguageModel.Load(Models.DecoderDirectory, TinyModelsFixture.Config);
        var options = new GenerationOptions(MaxNewTokens: 8, Temperature: 0.7, Seed: 42);
        GenerationRequest Request(string question) => new("s1", "base", [ChatMessage.System("Answer."), ChatMessage.User(question)], options);

        var results = await model.GenerateAsync([Request("What is the sun?"), Request("Is water wet? Answer yes or no.")], CancellationToken.None);

        Assert.Equal(512, model.Settings.ContextWindow);
        Assert.Contains(TinyBpeVocabulary.ImEndId, model.Settings.EosTokenIds);
        Assert.Contains(TinyBpeVocabulary.EndOfTextId, model.Settings.EosTokenIds);
        Assert.StartsWith("onnx:decoder:", model.ModelId);
        var tokenizer = HfTokenizer.Load(Models.DecoderDirectory);
        var template = ChatTemplate.Resolve("auto", Path.Combine(Models.DecoderDirectory, "tokenizer_config.json"));
        Assert.Equal("chatml", template.Name);
        var prompts = new[] { "What is the sun?", "Is water wet? Answer yes or no." }
            .Select(q => new GenerationPrompt(tokenizer.Encode(template.Render([ChatMessage.System("Answer."), ChatMessage.User(q)], true)), options)).ToArray();
        Assert.Equal(TinyBpeVocabulary.ImStartId, prompts[0].PromptIds[0]);
        var expected = new BatchGenerator(new ReferenceDecoderStep(ReferenceModels.Gpt, true), tokenizer, model.Settings).Generate(prompts);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(results[i].Succeeded);
            Assert.Equal(expected[i].TokenIds, results[i].TokenIds);
            Assert.Equal(expected[i].Text, results[i].Text);
            Assert.Equal(expected[i].FinishReason, results[i].FinishReason);
        }
    }

    [Fact]
    public async Task A_call_made_while_another_decodes_joins_its_running_batch_and_gets_the_same_results_as_alone()
    {
        using var model = OnnxLanguageModel.Load(Models.DecoderDirectory, TinyModelsFixture.Config, maxRunningRows: 8);
        GenerationRequest Request(string question, int tokens, long seed = 3) =>
            new("s1", "base", [ChatMessage.System("Answer."), ChatMessage.User(question)], new GenerationOptions(MaxNewTokens: tokens, Temperature: 1, Seed: seed));
        // The long call: the seed (of 20) whose sampled story runs longest before EOS, so it outlives the short call.
        var stories = await model.GenerateAsync(Enumerable.Range(1, 20).Select(seed => Request("Tell a long story.", 400, seed)).ToArray(), CancellationToken.None);
        var longest = Enumerable.Range(0, 20).MaxBy(i => stories[i].TokenIds.Count);
        var longCall = new[] { Request("Tell a long story.", 400, longest + 1) };
        var shortCall = new[] { Request("What is the sun?", 8), Request("Is water wet?", 12) };
        var expectedLong = (await model.GenerateAsync(longCall, CancellationToken.None))[0];
        var expectedShort = await model.GenerateAsync(shortCall, CancellationToken.None);
        Assert.True(expectedLong.TokenIds.Count >= 60, $"{expectedLong.TokenIds.Count} tokens");
        model.Counters.Reset();

        var first = model.GenerateAsync(longCall, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (model.Counters.Calls < 3 && DateTime.UtcNow < deadline) Thread.SpinWait(100);
        var second = model.GenerateAsync(shortCall, CancellationToken.None);
        var shortResults = await second.WaitAsync(TimeSpan.FromSeconds(60));
        var stillDecoding = !first.IsCompleted;
        var longResult = (await first.WaitAsync(TimeSpan.FromSeconds(60)))[0];

        Assert.True(stillDecoding, "the short call finished while the long one was still decoding");
        Assert.Equal(2, model.Counters.AdmittedRows);
        Assert.Equal(expectedLong.TokenIds, longResult.TokenIds);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expectedShort[i].TokenIds, shortResults[i].TokenIds);
            for (var k = 0; k < expectedShort[i].Logprobs.Count; k++) Assert.Equal(expectedShort[i].Logprobs[k], shortResults[i].Logprobs[k], 1e-5);
        }
    }

    [Fact]
    public void A_directory_without_a_model_file_names_the_files_it_looked_for()
    {
        var empty = Directory.CreateTempSubdirectory("robustft-empty-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => OnnxLanguageModel.Load(empty, TinyModelsFixture.Config));
            Assert.Contains(empty, error.Message);
            Assert.Contains("model.onnx", error.Message);
            Assert.Contains("decoder_model_merged.onnx", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_model_without_logits_is_refused_with_the_file_name()
    {
        var path = Path.Combine(Models.Root, "no-logits.onnx");
        var builder = new OnnxGraphBuilder("no_logits");
        builder.AddInput("input_ids", OnnxElementType.Int64, "batch", "seq");
        builder.AddInput("attention_mask", OnnxElementType.Int64, "batch", "seq");
        builder.AddOutput("scores", OnnxElementType.Int64, "batch", "seq");
        builder.AddNode("Add", ["input_ids", "attention_mask"], ["scores"]);
        builder.Save(path);

        var error = Assert.Throws<ModelLayoutException>(() => OnnxDecoderStep.Open(path, TinyModelsFixture.Config));

        Assert.Contains(path, error.Message);
        Assert.Contains("no output 'logits'", error.Message);
    }

    [Fact]
    public void A_tokenizer_larger_than_the_model_vocabulary_is_refused_naming_both_files()
    {
        var directory = Path.Combine(Models.Root, "small-vocab");
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(Models.DecoderDirectory)) File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), true);
        var small = TinyGptSpec.Default with { VocabSize = 100 };
        File.WriteAllBytes(Path.Combine(directory, "model.onnx"), TinyDecoderGraph.Build(TinyGptWeights.Create(small, 1), withPast: true));

        var error = Assert.Throws<ModelLayoutException>(() => OnnxLanguageModel.Load(directory, TinyModelsFixture.Config));

        Assert.Contains(Path.Combine(directory, "tokenizer.json"), error.Message);
        Assert.Contains(Path.Combine(directory, "model.onnx"), error.Message);
        Assert.Contains($"{TinyBpeVocabulary.Size} tokens", error.Message);
        Assert.Contains("vocabulary of 100", error.Message);
    }
}
