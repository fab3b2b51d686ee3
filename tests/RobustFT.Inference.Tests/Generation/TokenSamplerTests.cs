using RobustFT.Core.Randomness;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Tests.Generation;

public sealed class TokenSamplerTests
{
    private static readonly float[] Logits = [1f, 3f, 2.5f, -1f, 0f];

    [Fact]
    public void Greedy_picks_the_largest_logit_and_reports_its_log_softmax()
    {
        var token = TokenSampler.Choose(Logits, new GenerationOptions(), new SplitMix64(1), computeEntropy: true);

        var lse = Math.Log(Logits.Sum(l => Math.Exp(l)));
        Assert.Equal(1, token.TokenId);
        Assert.Equal(3 - lse, token.Logprob, 1e-6);
        Assert.True(token.Entropy > 0);
    }

    [Fact]
    public void Top_k_of_one_and_a_tiny_top_p_are_greedy_even_at_high_temperature()
    {
        var random = new SplitMix64(2);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(1, TokenSampler.Choose(Logits, new GenerationOptions(Temperature: 5, TopK: 1), random, false).TokenId);
            Assert.Equal(1, TokenSampler.Choose(Logits, new GenerationOptions(Temperature: 5, TopP: 0.01), random, false).TokenId);
        }
    }

    [Fact]
    public void Top_k_restricts_samples_to_the_k_largest_logits()
    {
        var random = new SplitMix64(3);
        var seen = Enumerable.Range(0, 300).Select(_ => TokenSampler.Choose(Logits, new GenerationOptions(Temperature: 3, TopK: 2), random, false).TokenId).ToHashSet();

        Assert.Equal(new HashSet<int> { 1, 2 }, seen);
    }

    [Fact]
    public void Sampling_frequencies_follow_the_softmax_at_temperature_one()
    {
        var random = new SplitMix64(4);
        var counts = new int[Logits.Length];
        const int draws = 20000;
        for (var i = 0; i < draws; i++) counts[TokenSampler.Choose(Logits, new GenerationOptions(Temperature: 1), random, false).TokenId]++;

        var z = Logits.Sum(l => Math.Exp(l));
        for (var i = 0; i < Logits.Length; i++) Assert.Equal(Math.Exp(Logits[i]) / z, counts[i] / (double)draws, 0.015);
    }
}
