namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtEnv</c>; released with <c>ReleaseEnv</c>.</summary>
internal sealed class OrtEnvHandle : OrtHandle
{
    public OrtEnvHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseEnv(handle);
        return true;
    }
}
