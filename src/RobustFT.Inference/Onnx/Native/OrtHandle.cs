using System.Runtime.InteropServices;

namespace RobustFT.Inference.Onnx.Native;

/// <summary>Base of the per-type safe handles: a native ORT object released through the library's table.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(OrtNativeLibrary library)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Library = library;
    }

    protected OrtNativeLibrary Library { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of a pointer ORT returned.</summary>
    internal void Attach(nint pointer) => SetHandle(pointer);
}
