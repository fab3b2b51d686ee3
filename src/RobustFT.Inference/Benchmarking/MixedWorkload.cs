using RobustFT.Core.Randomness;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Benchmarking;

/// <summary>Seeded requests with prompts of 16–256 tokens and answers of 8–256 tokens (uniform), greedy, no EOS.</summary>
public static class MixedWorkload
{
    public const int MinPrompt = 16, MaxPrompt = 256, MinAnswer = 8, MaxAnswer = 256;

    public static GenerationPrompt[] Create(int requests, int vocabulary, long seed = 7)
    {
        var random = new SplitMix64(seed);
        int Between(int low, int high) => low + (int)(random.NextUInt64() % (ulong)(high - low + 1));
        return Enumerable.Range(0, requests).Select(_ =>
        {
            var prompt = Enumerable.Range(0, Between(MinPrompt, MaxPrompt)).Select(_ => (int)(random.NextUInt64() % (ulong)vocabulary)).ToArray();
            return new GenerationPrompt(prompt, new GenerationOptions(MaxNewTokens: Between(MinAnswer, MaxAnswer)));
        }).ToArray();
    }
}
