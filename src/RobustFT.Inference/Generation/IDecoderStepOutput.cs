namespace RobustFT.Inference.Generation;

/// <summary>Result of one decoder call. Disposing it releases the logits; a present cache taken with
/// <see cref="TakePresent"/> belongs to the caller.</summary>
public interface IDecoderStepOutput : IDisposable
{
    int BatchSize { get; }

    int SequenceLength { get; }

    /// <summary>The vocabulary logits of one row at one position of this call.</summary>
    ReadOnlySpan<float> Logits(int row, int position);

    /// <summary>The present KV cache (null for a model without one); ownership passes to the caller.</summary>
    IDecoderState? TakePresent();
}
