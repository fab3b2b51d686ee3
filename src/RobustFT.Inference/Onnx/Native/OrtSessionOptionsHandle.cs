namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtSessionOptions</c>; released with <c>ReleaseSessionOptions</c>.</summary>
internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    public OrtSessionOptionsHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseSessionOptions(handle);
        return true;
    }
}
