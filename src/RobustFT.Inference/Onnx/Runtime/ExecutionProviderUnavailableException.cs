namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>The configured execution provider (e.g. CUDA on a machine without CUDA) cannot be loaded; the message carries
/// ORT's.</summary>
public sealed class ExecutionProviderUnavailableException(string message, Exception innerException) : OnnxSessionException(message, innerException);
