using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Tests.Generation;

public sealed class PositionIdsTests
{
    [Fact]
    public void Positions_count_real_tokens_and_leading_pads_get_zero()
    {
        long[] mask = [0, 0, 1, 1, 1, /**/ 1, 1, 1, 1, 1];

        Assert.Equal([0, 0, 0, 1, 2, 0, 1, 2, 3, 4], PositionIds.FromMask(mask, 2, 5, 5));
        Assert.Equal([2, 4], PositionIds.FromMask(mask, 2, 5, 1));
    }
}
