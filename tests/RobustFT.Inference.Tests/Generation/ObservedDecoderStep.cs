using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>A real decoder step with a hook before each call (given the call's number, from 1, and its batch): lets a
/// test submit or cancel requests while a batch is decoding, or make one call fail. Passes cache splicing through.</summary>
internal sealed class ObservedDecoderStep(IDecoderStep inner, Action<int, DecoderBatch> beforeCall) : IDecoderStep, IDecoderStateSplicer
{
    private int _calls;

    public int VocabSize => inner.VocabSize;

    public bool UsesKvCache => inner.UsesKvCache;

    public bool CanSplice => inner is IDecoderStateSplicer { CanSplice: true };

    public IDecoderState Splice(IReadOnlyList<(IDecoderState State, int Row, int Positions)> rows, int length, int reserveLength) =>
        ((IDecoderStateSplicer)inner).Splice(rows, length, reserveLength);

    public IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past)
    {
        beforeCall(Interlocked.Increment(ref _calls), batch);
        return inner.Run(batch, past);
    }
}
