using RobustFT.Inference.Embedding;

namespace RobustFT.Inference.Tests.Embedding;

public sealed class MeanPoolingTests
{
    [Fact]
    public void Only_positions_under_the_mask_are_averaged()
    {
        float[] hidden = [1, 2, 3, 4, 100, 100, /**/ 5, 6, 7, 8, 9, 10];

        var pooled = MeanPooling.Pool(hidden, [1, 1, 0, 1, 1, 1], 2, 3, 2);

        Assert.Equal([2f, 3f], pooled[0]);
        Assert.Equal([7f, 8f], pooled[1]);
    }

    [Fact]
    public void L2_normalisation_gives_unit_length_and_keeps_zero_vectors()
    {
        Assert.Equal([0.6f, 0.8f], VectorNormalization.L2Normalize([3f, 4f]));
        Assert.Equal([0f, 0f], VectorNormalization.L2Normalize([0f, 0f]));
    }
}
