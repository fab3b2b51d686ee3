namespace RobustFT.Inference.Onnx.Writing;

/// <summary>A graph input or output: name, element type and dims (each a <c>long</c> or a symbolic <c>string</c>).</summary>
internal sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<object> Dims);
