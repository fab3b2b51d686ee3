using System.Diagnostics;
using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Benchmarking;

/// <summary>Wraps a decoder step and adds up the time spent inside its calls, so the generator's own overhead can be
/// measured on a loaded machine where wall-clock comparisons are noisy.</summary>
public sealed class TimedDecoderStep(IDecoderStep inner) : IDecoderStep
{
    private readonly Stopwatch _watch = new();

    public int VocabSize => inner.VocabSize;

    public bool UsesKvCache => inner.UsesKvCache;

    public TimeSpan Elapsed => _watch.Elapsed;

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
