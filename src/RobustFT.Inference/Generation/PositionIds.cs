namespace RobustFT.Inference.Generation;

/// <summary>Position ids from an attention mask, as Hugging Face computes them for left padding:
/// <c>cumsum(mask) - 1</c>, clamped at 0 on leading pads.</summary>
public static class PositionIds
{
    /// <summary>Positions of the last <paramref name="count"/> columns of a [batch, total] mask.</summary>
    public static long[] FromMask(long[] mask, int batch, int total, int count)
    {
        var positions = new long[batch * count];
        for (var b = 0; b < batch; b++)
        {
            long sum = 0;
            for (var t = 0; t < total; t++)
            {
                sum += mask[b * total + t];
                if (t >= total - count) positions[b * count + t - (total - count)] = Math.Max(0, sum - 1);
            }
        }
        return positions;
    }
}
