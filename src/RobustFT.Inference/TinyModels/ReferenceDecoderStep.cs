using RobustFT.Inference.Generation;

namespace RobustFT.Inference.TinyModels;

/// <summary><see cref="IDecoderStep"/> over <see cref="ReferenceGpt"/>, with or without a KV cache: the generator's
/// ground truth, independent of ONNX Runtime.</summary>
public sealed class ReferenceDecoderStep(ReferenceGpt model, bool useKvCache) : IDecoderStep
{
    public int VocabSize => model.Spec.VocabSize;

    public bool UsesKvCache => useKvCache;

    public IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past)
    {
        var cache = past is null ? null : ((State)past).Cache;
        var output = model.Forward(batch.InputIds, batch.AttentionMask, batch.PositionIds, batch.BatchSize, cache);
        return new Output(output, batch.BatchSize, batch.SequenceLength, VocabSize, useKvCache);
    }

    private sealed class State(ReferenceKvCache cache) : IDecoderState
    {
        public ReferenceKvCache Cache { get; } = cache;
        public int Length => Cache.Length;
        public void Dispose() { }
    }

    private sealed class Output(ReferenceGptOutput output, int batch, int seq, int vocab, bool keepPresent) : IDecoderStepOutput
    {
        public int BatchSize => batch;
        public int SequenceLength => seq;
        public ReadOnlySpan<float> Logits(int row, int position) => output.Logits.AsSpan((row * seq + position) * vocab, vocab);
        public IDecoderState? TakePresent() => keepPresent ? new State(output.Present) : null;
        public void Dispose() { }
    }
}
