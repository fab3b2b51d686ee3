namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>ONNX Runtime could not load or run a model: the message names the model and carries ORT's message (the
/// inner exception is ORT's <c>OnnxRuntimeException</c>).</summary>
public class OnnxSessionException(string message, Exception innerException) : Exception(message, innerException);
