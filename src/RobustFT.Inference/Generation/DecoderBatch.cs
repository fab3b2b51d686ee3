namespace RobustFT.Inference.Generation;

/// <summary>Inputs of one decoder call, row-major: ids and positions [batch, seq], mask [batch, past + seq].</summary>
public sealed record DecoderBatch(int BatchSize, int SequenceLength, int PastLength, long[] InputIds, long[] AttentionMask, long[] PositionIds)
{
    public int TotalLength => PastLength + SequenceLength;
}
