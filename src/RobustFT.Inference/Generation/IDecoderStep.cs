namespace RobustFT.Inference.Generation;

/// <summary>One forward call of a decoder for a batch: ids, mask, positions and (with a KV cache) the past → logits and
/// the present cache. With <see cref="UsesKvCache"/> false the caller passes the whole sequence every step and no past.</summary>
public interface IDecoderStep
{
    int VocabSize { get; }

    bool UsesKvCache { get; }

    /// <param name="past">The state returned by the previous call's <see cref="IDecoderStepOutput.TakePresent"/>, or
    /// null for an empty cache. The step does not dispose it.</param>
    IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past);
}
