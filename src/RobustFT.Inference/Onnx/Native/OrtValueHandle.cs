using System.Buffers;

namespace RobustFT.Inference.Onnx.Native;

/// <summary>
/// Owns a native <c>OrtValue</c> and, for tensors over managed memory, the pin that keeps that memory in place:
/// the native value is released first, then the pin.
/// </summary>
internal sealed class OrtValueHandle : OrtHandle
{
    private MemoryHandle _pin;

    public OrtValueHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    /// <summary>Hands the pin of the managed buffer the value points into to this handle.</summary>
    internal void OwnPin(MemoryHandle pin) => _pin = pin;

    protected override bool ReleaseHandle()
    {
        Library.ReleaseValue(handle);
        _pin.Dispose();
        _pin = default;
        return true;
    }
}
