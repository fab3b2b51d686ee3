using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Runs in the ONNX Runtime collection: never in parallel with the runtime's own (memory-measuring) tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxGenerationTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    private static BatchGenerator Generator(bool cached, bool entropy = false) =>
        new(cached ? Models.CachedStep : Models.NoCacheStep, new TinyByteTokenizer(), ReferenceModels.Settings(entropy));

    private static GenerationPrompt[] Prompts(GenerationOptions options) =>
        new[] { ReferenceModels.Prompt(21, 2), ReferenceModels.Prompt(22, 11), ReferenceModels.Prompt(23, 6), ReferenceModels.Prompt(24, 1) }
            .Select(p => new GenerationPrompt(p, options)).ToArray();

    [Fact]
    public void Batched_padded_greedy_generation_through_onnx_equals_one_request_at_a_time()
    {
        var prompts = Prompts(new GenerationOptions(MaxNewTokens: 16));
        var generator = Generator(cached: true);

        var batched = generator.Generate(prompts);

        foreach (var (prompt, result) in prompts.Zip(batched))
        {
            var alone = generator.Generate([prompt])[0];
            Assert.Equal(alone.TokenIds, result.TokenIds);
            for (var k = 0; k < alone.Logprobs.Count; k++) Assert.Equal(alone.Logprobs[k], result.Logprobs[k], 1e-4);
        }
    }

    [Fact]
    public void Onnx_kv_cache_and_no_cache_exports_generate_the_same_tokens_as_the_reference()
    {
        var prompts = Prompts(new GenerationOptions(MaxNewTokens: 10, Temperature: 0.9, TopP: 0.9, Seed: 8));

        var cached = Generator(cached: true).Generate(prompts);
        var rerun = Generator(cached: false).Generate(prompts);
        var reference = ReferenceModels.Generator().Generate(prompts);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(reference[i].TokenIds, cached[i].TokenIds);
            Assert.Equal(reference[i].TokenIds, rerun[i].TokenIds);
            for (var k = 0; k < reference[i].Logprobs.Count; k++)
            {
                Assert.Equal(reference[i].Logprobs[k], cached[i].Logprobs[k], 1e-4);
                Assert.Equal(reference[i].Logprobs[k], rerun[i].Logprobs[k], 1e-4);
            }
        }
    }

    [Fact]
    public void Onnx_logprobs_and_entropies_are_those_of_the_reference_distribution()
    {
        var prompt = ReferenceModels.Prompt(25, 3);
        var result = Generator(cached: true, entropy: true).Generate([new GenerationPrompt(prompt, new GenerationOptions(MaxNewTokens: 6))])[0];

        var sequence = prompt.Concat(result.TokenIds).Select(i => (long)i).ToArray();
        var logits = ReferenceModels.Gpt.Forward(sequence, sequence.Select(_ => 1L).ToArray(), Enumerable.Range(0, sequence.Length).Select(i => (long)i).ToArray(), 1).Logits;
        var vocab = TinyGptSpec.Default.VocabSize;
        for (var k = 0; k < result.TokenIds.Count; k++)
        {
            var logProbs = ReferenceModels.LogSoftmax(logits.AsSpan((prompt.Length - 1 + k) * vocab, vocab));
            Assert.Equal(logProbs.Max(), result.Logprobs[k], 1e-4);
            Assert.Equal(logProbs[result.TokenIds[k]], result.Logprobs[k], 1e-4);
            Assert.Equal(-logProbs.Sum(lp => Math.Exp(lp) * lp), result.Entropies![k], 1e-4);
        }
    }

    [Fact]
    public void A_too_long_prompt_fails_alone_while_the_onnx_batch_goes_on()
    {
        var options = new GenerationOptions(MaxNewTokens: 5);
        var good = new GenerationPrompt(ReferenceModels.Prompt(26, 4), options);

        var results = Generator(cached: true).Generate([new GenerationPrompt(new int[600], options), good]);

        Assert.Equal("prompt has 600 tokens; the model's context window is 512", results[0].Error);
        Assert.Equal(ReferenceModels.Generator().Generate([good])[0].TokenIds, results[1].TokenIds);
    }
}
