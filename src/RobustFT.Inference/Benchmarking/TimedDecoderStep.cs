using System.Diagnostics;
using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Benchmarking;

/// <summary>Wraps a decoder step and adds up the time spent inside its calls, so the generator's own overhead can be
/// measured on a loaded machine where wall-clock comparisons are noisy. Passes cache splicing through.</summary>
public sealed class TimedDecoderStep(IDecoderStep inner) : IDecoderStep, IDecoderStateSplicer
{
    private readonly Stopwatch _watch = new();

    public int VocabSize => inner.VocabSize;

    public bool UsesKvCache => inner.UsesKvCache;

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>Splices (untimed: host copies, part of the generator's own work) when the inner step can.</summary>
    public bool CanSplice => inner is IDecoderStateSplicer { CanSplice: true };

    public IDecoderState Splice(IReadOnlyList<(IDecoderState State, int Row, int Positions)> rows, int length, int reserveLength) =>
        ((IDecoderStateSplicer)inner).Splice(rows, length, reserveLength);

    public void Reset() => _watch.Reset();

    public IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past)
    {
        _watch.Start();
        try
        {
            return inner.Run(batch, past);
        }
        finally
        {
            _watch.Stop();
        }
    }
}
