namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtTypeInfo</c>; released with <c>ReleaseTypeInfo</c>.</summary>
internal sealed class OrtTypeInfoHandle : OrtHandle
{
    public OrtTypeInfoHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseTypeInfo(handle);
        return true;
    }
}
