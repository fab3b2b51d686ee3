namespace RobustFT.Inference.Onnx.Native;

/// <summary>ONNX Runtime's <c>OrtLoggingLevel</c>: the minimum severity ORT prints to stderr.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}
