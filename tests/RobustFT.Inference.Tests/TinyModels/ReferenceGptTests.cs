using RobustFT.Inference.TinyModels;
using RobustFT.Inference.Tests.Generation;

namespace RobustFT.Inference.Tests.TinyModels;

public sealed class ReferenceGptTests
{
    private static readonly ReferenceGpt Gpt = ReferenceModels.Gpt;
    private static int Vocab => TinyGptSpec.Default.VocabSize;

    [Fact]
    public void Feeding_tokens_one_at_a_time_through_the_cache_gives_the_full_forward_logits()
    {
        long[] ids = [5, 77, 300, 12, 9];
        var full = Gpt.Forward(ids, Ones(5), Range(0, 5), 1).Logits;

        ReferenceKvCache? cache = null;
        for (var t = 0; t < ids.Length; t++)
        {
            var step = Gpt.Forward([ids[t]], Ones(t + 1), [t], 1, cache);
            cache = step.Present;
            Assert.Equal(t + 1, cache.Length);
            for (var v = 0; v < Vocab; v++) Assert.Equal(full[t * Vocab + v], step.Logits[v], 1e-4);
        }
    }

    [Fact]
    public void Left_padding_with_mask_and_positions_leaves_the_real_tokens_logits_unchanged()
    {
        long[] ids = [40, 41, 42];
        var alone = Gpt.Forward(ids, Ones(3), Range(0, 3), 1).Logits;
        var padded = Gpt.Forward([0, 0, 40, 41, 42], [0, 0, 1, 1, 1], [0, 0, 0, 1, 2], 1).Logits;

        for (var i = 0; i < 3 * Vocab; i++) Assert.Equal(alone[i], padded[2 * Vocab + i], 1e-4);
    }

    [Fact]
    public void Logits_depend_on_earlier_tokens_but_not_on_later_ones()
    {
        var a = Gpt.Forward([1, 2, 3], Ones(3), Range(0, 3), 1).Logits;
        var b = Gpt.Forward([1, 2, 4], Ones(3), Range(0, 3), 1).Logits;
        var c = Gpt.Forward([7, 2, 3], Ones(3), Range(0, 3), 1).Logits;

        Assert.Equal(a.AsSpan(0, 2 * Vocab).ToArray(), b.AsSpan(0, 2 * Vocab).ToArray());
        Assert.NotEqual(a.AsSpan(Vocab, Vocab).ToArray(), c.AsSpan(Vocab, Vocab).ToArray());
    }

    [Fact]
    public void Weights_are_a_function_of_the_seed()
    {
        var a = TinyGptWeights.Create(TinyGptSpec.Default, 7);
        var b = TinyGptWeights.Create(TinyGptSpec.Default, 7);
        var c = TinyGptWeights.Create(TinyGptSpec.Default, 8);

        Assert.Equal(a.LmHead, b.LmHead);
        Assert.Equal(a.Layers[1].W2, b.Layers[1].W2);
        Assert.NotEqual(a.TokenEmbedding, c.TokenEmbedding);
    }

    internal static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();

    internal static long[] Range(int start, int count) => Enumerable.Range(start, count).Select(i => (long)i).ToArray();
}
