using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Backends;

/// <summary>The present keys/values of one decoder call, kept in ORT's output tensors (outputs 1.. of the run, in
/// key/value order per layer) and fed back as the next call's past without copies.</summary>
internal sealed class OnnxKvState(OrtValueCollection outputs, int length) : IDecoderState
{
    public int Length => length;

    public OrtValue Key(int layer) => outputs[1 + 2 * layer];

    public OrtValue Value(int layer) => outputs[2 + 2 * layer];

    public void Dispose() => outputs.Dispose();
}
