using RobustFT.Core.Randomness;
using RobustFT.Inference.Generation;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>The seed-1234 tiny decoder and generators over its reference forward pass.</summary>
internal static class ReferenceModels
{
    public static TinyGptWeights Weights { get; } = TinyGptWeights.Create(TinyGptSpec.Default, 1234);

    public static ReferenceGpt Gpt { get; } = new(Weights);

    public static GeneratorSettings Settings(bool entropy = false, params int[] eos) =>
        new(TinyGptSpec.Default.ContextWindow, eos.ToHashSet(), TinyBpeVocabulary.EndOfTextId, entropy);

    public static BatchGenerator Generator(bool useKvCache = true, GeneratorSettings? settings = null) =>
        new(new ReferenceDecoderStep(Gpt, useKvCache), new TinyByteTokenizer(), settings ?? Settings());

    public static int[] Prompt(int seed, int length)
    {
        var random = new SplitMix64(seed);
        return Enumerable.Range(0, length).Select(_ => (int)(random.NextUInt64() % (ulong)TinyBpeVocabulary.EndOfTextId)).ToArray();
    }

    /// <summary>Prompts of lengths 1..23 with answers of 2..14 tokens, mixed so rows finish at different steps.</summary>
    public static GenerationPrompt[] MixedPrompts(int count, int seed = 40) =>
        Enumerable.Range(0, count)
            .Select(i => new GenerationPrompt(Prompt(seed + i, 1 + (i * 7) % 23), new Abstractions.GenerationOptions(MaxNewTokens: 2 + (i * 5) % 13)))
            .ToArray();

    /// <summary>Log-softmax of a logits row in double precision.</summary>
    public static double[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        var lse = max + Math.Log(sum);
        var result = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++) result[i] = logits[i] - lse;
        return result;
    }
}
