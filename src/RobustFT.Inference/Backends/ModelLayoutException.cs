namespace RobustFT.Inference.Backends;

/// <summary>A model directory or ONNX file does not have the layout a backend needs; the message names the file and
/// what is wrong.</summary>
public sealed class ModelLayoutException(string message) : Exception(message);
