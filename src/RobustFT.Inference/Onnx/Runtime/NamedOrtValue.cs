namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>An input for <see cref="OrtSession.Run"/>: the graph input name and the value (still owned by the caller).</summary>
public sealed record NamedOrtValue(string Name, OrtValue Value);
