namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtSession</c>; released with <c>ReleaseSession</c>.</summary>
internal sealed class OrtSessionHandle : OrtHandle
{
    public OrtSessionHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseSession(handle);
        return true;
    }
}
