using RobustFT.Inference.Onnx.Native;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>An ONNX Runtime call failed: carries ORT's error code and message.</summary>
public class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public OnnxRuntimeException(OrtErrorCode errorCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>ORT's error code (<c>OrtErrorCode</c>).</summary>
    public OrtErrorCode ErrorCode { get; }
}
