namespace RobustFT.Inference.Onnx.Native;

/// <summary>Owns a native <c>OrtTensorTypeAndShapeInfo</c>; released with <c>ReleaseTensorTypeAndShapeInfo</c>.</summary>
internal sealed class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    public OrtTensorTypeAndShapeInfoHandle(OrtNativeLibrary library)
        : base(library)
    {
    }

    protected override bool ReleaseHandle()
    {
        Library.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
