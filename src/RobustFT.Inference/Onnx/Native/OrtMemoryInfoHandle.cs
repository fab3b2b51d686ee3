namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtMemoryInfo</c>; released with <c>ReleaseMemoryInfo</c>.</summary>
internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    public OrtMemoryInfoHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseMemoryInfo(handle);
        return true;
    }
}
