namespace RobustFT.Inference.Generation;

/// <summary>Inputs of one decoder call, row-major: ids and positions [batch, seq], mask [batch, past + seq].</summary>
public sealed record DecoderBatch(int BatchSize, int SequenceLength, int PastLength, long[] InputIds, long[] AttentionMask, long[] PositionIds)
{
    public int TotalLength => PastLength + SequenceLength;

    /// <summary>How long the sequence is expected to grow in this generation (0: unknown); a KV-cache backend
    /// preallocates that much so it does not have to grow its buffers step by step.</summary>
    public int ReserveLength { get; init; }
}
