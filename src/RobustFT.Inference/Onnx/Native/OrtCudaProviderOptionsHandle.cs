namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtCUDAProviderOptionsV2</c>; released with <c>ReleaseCUDAProviderOptions</c>.</summary>
internal sealed class OrtCudaProviderOptionsHandle : OrtHandle
{
    public OrtCudaProviderOptionsHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseCUDAProviderOptions(handle);
        return true;
    }
}
