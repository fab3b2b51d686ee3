using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary><see cref="GenerationOptions.ScoreAlone"/>: the log-probabilities of a generated answer come from a forward
/// pass of the request alone, so the same answer gets bit-identical numbers whatever batch generated it (batched float32
/// differs in the last bits with the batch's composition and padding). This is what keeps the selection entropy of a
/// resumed run equal to an uninterrupted run's.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class ScoreAloneTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    private static readonly GenerationPrompt Target =
        new(ReferenceModels.Prompt(7, 5), new GenerationOptions(MaxNewTokens: 12, ScoreAlone: true));

    // Other requests of other prompt and answer lengths, so the target is padded and batched differently each time.
    private static GenerationPrompt[] Companions(int count, int seed) =>
        Enumerable.Range(0, count)
            .Select(i => new GenerationPrompt(ReferenceModels.Prompt(seed + i, 3 + (i * 11 + seed) % 29), new GenerationOptions(MaxNewTokens: 3 + (i * 7) % 17)))
            .ToArray();

    private static BatchGenerator Generator(int maxRunningRows, bool iterationLevel, bool cached = true) =>
        new(cached ? Models.CachedStep : Models.NoCacheStep, new TinyByteTokenizer(),
            ReferenceModels.Settings() with { MaxRunningRows = maxRunningRows, IterationLevel = iterationLevel, ComputeEntropy = true });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Scored_alone_the_same_answer_gets_bit_identical_logprobs_and_entropies_in_any_batch(bool cached)
    {
        var alone = Generator(0, iterationLevel: false, cached).Generate([Target])[0];

        var compositions = new[]
        {
            (Prompts: Companions(7, 100).Prepend(Target).ToArray(), Rows: 0, Iteration: false),
            (Prompts: Companions(5, 200).Append(Target).ToArray(), Rows: 0, Iteration: false),
            (Prompts: Companions(9, 300).Append(Target).ToArray(), Rows: 3, Iteration: true),
        };
        foreach (var (prompts, rows, iteration) in compositions)
        {
            var batched = Generator(rows, iteration, cached).Generate(prompts)[Array.IndexOf(prompts, Target)];
            Assert.Equal(alone.TokenIds, batched.TokenIds);
            Assert.Equal(alone.Logprobs, batched.Logprobs); // exact: float equality, no tolerance
            Assert.Equal(alone.Entropies, batched.Entropies);
        }
    }

    [Fact]
    public void Scoring_alone_gives_the_logprobs_of_the_chosen_tokens_that_generation_reports()
    {
        var scored = Generator(0, iterationLevel: false).Generate([Target])[0];
        var generated = Generator(0, iterationLevel: false).Generate([Target with { Options = Target.Options with { ScoreAlone = false } }])[0];

        Assert.Equal(generated.TokenIds, scored.TokenIds);
        Assert.Equal(generated.TokenIds.Count, scored.Logprobs.Count);
        for (var k = 0; k < generated.Logprobs.Count; k++)
        {
            Assert.Equal(generated.Logprobs[k], scored.Logprobs[k], 1e-5);
            Assert.Equal(generated.Entropies![k], scored.Entropies![k], 1e-5);
        }
    }

    [Fact]
    public void Score_alone_is_part_of_the_cache_key_only_when_set()
    {
        var plain = new GenerationOptions(MaxNewTokens: 4);

        Assert.DoesNotContain("alone", plain.CacheKey());
        Assert.NotEqual(plain.CacheKey(), (plain with { ScoreAlone = true }).CacheKey());
    }
}
