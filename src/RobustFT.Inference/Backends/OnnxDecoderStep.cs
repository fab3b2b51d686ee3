using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Backends;

/// <summary><see cref="IDecoderStep"/> over an ORT session of an Optimum decoder export, with or without KV cache
/// (detected from the input names). Inputs are passed without copies; the present cache stays in ORT's tensors and is
/// fed back as the next call's past.</summary>
public sealed class OnnxDecoderStep : IDecoderStep, IDisposable
{
    private static readonly float[] EmptyCacheBacking = new float[1];

    private readonly OrtRuntime _runtime;
    private readonly string[] _outputNames;
    private readonly bool _ownsSession;

    public OnnxDecoderStep(OrtRuntime runtime, OrtSession session, bool ownsSession = false)
    {
        _runtime = runtime;
        Session = session;
        _ownsSession = ownsSession;
        Layout = DecoderLayout.Detect(session.Source, session.Inputs, session.Outputs);
        _outputNames = [DecoderLayout.Logits, .. Enumerable.Range(0, Layout.Layers).SelectMany(l => new[] { DecoderLayout.PresentKey(l), DecoderLayout.PresentValue(l) })];
    }

    /// <summary>Opens <paramref name="modelPath"/> and checks its layout (the session is closed again on a bad layout).</summary>
    public static OnnxDecoderStep Open(OrtRuntime runtime, string modelPath, SessionConfig config)
    {
        var session = OrtSession.Open(runtime, modelPath, config);
        try
        {
            return new OnnxDecoderStep(runtime, session, ownsSession: true);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public OrtSession Session { get; }

    public DecoderLayout Layout { get; }

    public int VocabSize => Layout.VocabSize;

    public bool UsesKvCache => Layout.UsesKvCache;

    public IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past)
    {
        var inputs = new List<NamedOrtValue>(4 + 2 * Layout.Layers);
        try
        {
            inputs.Add(new(DecoderLayout.InputIds, OrtValue.FromArray(_runtime, batch.InputIds, batch.BatchSize, batch.SequenceLength)));
            inputs.Add(new(DecoderLayout.AttentionMask, OrtValue.FromArray(_runtime, batch.AttentionMask, batch.BatchSize, batch.TotalLength)));
            if (Layout.HasPositionIds)
                inputs.Add(new(DecoderLayout.PositionIdsName, OrtValue.FromArray(_runtime, batch.PositionIds, batch.BatchSize, batch.SequenceLength)));
            if (Layout.HasUseCacheBranch)
                inputs.Add(new(DecoderLayout.UseCacheBranch, OrtValue.FromArray(_runtime, [past is not null], 1)));

            var pastValues = new List<NamedOrtValue>();
            if (UsesKvCache)
            {
                if (past is OnnxKvState state)
                {
                    if (state.Length != batch.PastLength)
                        throw new ArgumentException($"The cache covers {state.Length} positions but the batch says past = {batch.PastLength}.", nameof(past));
                    for (var l = 0; l < Layout.Layers; l++)
                    {
                        pastValues.Add(new(DecoderLayout.PastKey(l), state.Key(l)));
                        pastValues.Add(new(DecoderLayout.PastValue(l), state.Value(l)));
                    }
                }
                else if (past is not null)
                    throw new ArgumentException($"{nameof(OnnxDecoderStep)} needs its own cache state, got {past.GetType().Name}.", nameof(past));
                else
                {
                    if (batch.PastLength != 0) throw new ArgumentException("No cache was given but the batch says past > 0.", nameof(past));
                    long[] shape = [batch.BatchSize, Layout.Heads, 0, Layout.HeadDim];
                    for (var l = 0; l < Layout.Layers; l++)
                    {
                        inputs.Add(new(DecoderLayout.PastKey(l), OrtValue.FromMemory(_runtime, EmptyCacheBacking.AsMemory(0, 0), shape)));
                        inputs.Add(new(DecoderLayout.PastValue(l), OrtValue.FromMemory(_runtime, EmptyCacheBacking.AsMemory(0, 0), shape)));
                    }
                }
            }

            var outputs = Session.Run([.. inputs, .. pastValues], _outputNames);
            return new Output(outputs, batch.BatchSize, batch.SequenceLength, VocabSize > 0 ? VocabSize : (int)outputs[0].Shape[2], batch.TotalLength, UsesKvCache);
        }
        finally
        {
            foreach (var input in inputs) input.Value.Dispose();
        }
    }

    public void Dispose()
    {
        if (_ownsSession) Session.Dispose();
    }

    private sealed class Output(OrtValueCollection values, int batch, int seq, int vocab, int total, bool hasPresent) : IDecoderStepOutput
    {
        private bool _taken;

        public int BatchSize => batch;

        public int SequenceLength => seq;

        public ReadOnlySpan<float> Logits(int row, int position) => values[0].AsSpan<float>().Slice((row * seq + position) * vocab, vocab);

        public IDecoderState? TakePresent()
        {
            if (!hasPresent || _taken) return null;
            _taken = true;
            return new OnnxKvState(values, total);
        }

        public void Dispose()
        {
            if (!_taken) values.Dispose();
        }
    }
}
