using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

public sealed class BatchGeneratorTests
{
    private static readonly GenerationOptions Greedy = new(MaxNewTokens: 12);

    [Fact]
    public void Batched_left_padded_greedy_generation_equals_one_request_at_a_time()
    {
        var prompts = new[] { ReferenceModels.Prompt(1, 3), ReferenceModels.Prompt(2, 9), ReferenceModels.Prompt(3, 6) }
            .Select(p => new GenerationPrompt(p, Greedy)).ToArray();
        var generator = ReferenceModels.Generator();

        var batched = generator.Generate(prompts);

        for (var i = 0; i < prompts.Length; i++)
        {
            var alone = generator.Generate([prompts[i]])[0];
            Assert.Equal(alone.TokenIds, batched[i].TokenIds);
            AssertClose(alone.Logprobs, batched[i].Logprobs, 1e-4);
            Assert.Equal("length", batched[i].FinishReason);
            Assert.Equal(12, batched[i].TokenIds.Count);
        }
    }

    [Fact]
    public void Kv_cache_and_full_rerun_paths_agree()
    {
        var prompts = new[] { ReferenceModels.Prompt(4, 5), ReferenceModels.Prompt(5, 2) }.Select(p => new GenerationPrompt(p, Greedy)).ToArray();

        var cached = ReferenceModels.Generator(useKvCache: true).Generate(prompts);
        var rerun = ReferenceModels.Generator(useKvCache: false).Generate(prompts);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(rerun[i].TokenIds, cached[i].TokenIds);
            AssertClose(rerun[i].Logprobs, cached[i].Logprobs, 1e-4);
        }
    }

    [Fact]
    public void Logprobs_and_entropies_are_those_of_the_models_full_distribution()
    {
        var prompt = ReferenceModels.Prompt(6, 4);
        var generator = ReferenceModels.Generator(settings: ReferenceModels.Settings(entropy: true));
        var result = generator.Generate([new GenerationPrompt(prompt, new GenerationOptions(MaxNewTokens: 8, Temperature: 0.8, Seed: 3))])[0];

        var sequence = prompt.Concat(result.TokenIds.Take(result.TokenIds.Count - 1)).Select(i => (long)i).ToArray();
        var logits = ReferenceModels.Gpt.Forward(sequence, sequence.Select(_ => 1L).ToArray(), Enumerable.Range(0, sequence.Length).Select(i => (long)i).ToArray(), 1).Logits;
        var vocab = TinyGptSpec.Default.VocabSize;
        for (var k = 0; k < result.TokenIds.Count; k++)
        {
            var logProbs = ReferenceModels.LogSoftmax(logits.AsSpan((prompt.Length - 1 + k) * vocab, vocab));
            Assert.Equal(logProbs[result.TokenIds[k]], result.Logprobs[k], 1e-4);
            Assert.Equal(1.0, logProbs.Sum(Math.Exp), 1e-6);
            var entropy = -logProbs.Sum(lp => Math.Exp(lp) * lp);
            Assert.Equal(entropy, result.Entropies![k], 1e-4);
            Assert.InRange(result.Entropies[k], 0, Math.Log(vocab) + 1e-4);
        }
    }

    [Fact]
    public void Seeded_sampling_is_reproducible_and_different_seeds_differ()
    {
        var prompt = ReferenceModels.Prompt(7, 5);
        GeneratedSequence Sample(long seed) => ReferenceModels.Generator().Generate(
            [new GenerationPrompt(prompt, new GenerationOptions(MaxNewTokens: 20, Temperature: 1.5, TopP: 0.95, TopK: 50, Seed: seed))])[0];

        Assert.Equal(Sample(11).TokenIds, Sample(11).TokenIds);
        Assert.NotEqual(Sample(11).TokenIds, Sample(12).TokenIds);
    }

    [Fact]
    public void Sampling_of_a_row_does_not_depend_on_the_rest_of_its_batch()
    {
        var options = new GenerationOptions(MaxNewTokens: 10, Temperature: 1, Seed: 5);
        var target = new GenerationPrompt(ReferenceModels.Prompt(8, 4), options);
        var generator = ReferenceModels.Generator();

        var alone = generator.Generate([target])[0];
        var inBatch = generator.Generate([new GenerationPrompt(ReferenceModels.Prompt(9, 7), options with { Seed = 6 }), target])[1];

        Assert.Equal(alone.TokenIds, inBatch.TokenIds);
    }

    [Fact]
    public void A_stop_string_truncates_the_text_and_ends_the_request()
    {
        var prompt = new GenerationPrompt(ReferenceModels.Prompt(10, 4), new GenerationOptions(MaxNewTokens: 40));
        var generator = ReferenceModels.Generator();
        var free = generator.Generate([prompt])[0];
        var at = Enumerable.Range(1, free.Text.Length - 1).First(i => char.IsAsciiLetterOrDigit(free.Text[i]));
        var stop = free.Text[at].ToString();
        var first = free.Text.IndexOf(stop, StringComparison.Ordinal);

        var stopped = generator.Generate([prompt with { Options = prompt.Options with { StopStrings = ["\u0001never", stop] } }])[0];

        Assert.Equal("stop", stopped.FinishReason);
        Assert.Equal(free.Text[..first], stopped.Text);
        Assert.True(stopped.TokenIds.Count < free.TokenIds.Count);
        Assert.Equal(free.TokenIds.Take(stopped.TokenIds.Count), stopped.TokenIds);
    }

    [Fact]
    public void An_eos_token_ends_the_request_and_is_kept_in_the_ids_but_not_the_text()
    {
        var prompt = new GenerationPrompt(ReferenceModels.Prompt(11, 4), new GenerationOptions(MaxNewTokens: 20));
        var free = ReferenceModels.Generator().Generate([prompt])[0];
        var eos = free.TokenIds[5];
        var firstEos = free.TokenIds.ToList().IndexOf(eos);

        var ended = ReferenceModels.Generator(settings: ReferenceModels.Settings(false, eos)).Generate([prompt])[0];

        Assert.Equal("eos", ended.FinishReason);
        Assert.Equal(free.TokenIds.Take(firstEos + 1), ended.TokenIds);
        Assert.Equal(new TinyByteTokenizer().Decode(free.TokenIds.Take(firstEos).ToArray()), ended.Text);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_window_fails_alone_and_the_batch_goes_on()
    {
        var window = TinyGptSpec.Default.ContextWindow;
        var good = new GenerationPrompt(ReferenceModels.Prompt(12, 5), Greedy);
        var generator = ReferenceModels.Generator();

        var results = generator.Generate([good, new GenerationPrompt(new int[window + 1], Greedy), good]);

        Assert.False(results[1].ToResult().Succeeded);
        Assert.Equal($"prompt has {window + 1} tokens; the model's context window is {window}", results[1].Error);
        Assert.Equal(generator.Generate([good])[0].TokenIds, results[0].TokenIds);
        Assert.Equal(results[0].TokenIds, results[2].TokenIds);
    }

    [Fact]
    public void Generation_stops_with_length_at_the_end_of_the_context_window()
    {
        var settings = ReferenceModels.Settings() with { ContextWindow = 10 };
        var result = ReferenceModels.Generator(settings: settings).Generate([new GenerationPrompt(ReferenceModels.Prompt(13, 7), Greedy)])[0];

        Assert.Equal("length", result.FinishReason);
        Assert.Equal(4, result.TokenIds.Count);
    }

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i], tolerance);
    }
}
