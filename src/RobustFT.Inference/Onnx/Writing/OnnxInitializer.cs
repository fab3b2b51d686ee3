namespace RobustFT.Inference.Onnx.Writing;

/// <summary>A constant tensor stored in the graph as little-endian <c>raw_data</c>.</summary>
internal sealed record OnnxInitializer(string Name, OnnxElementType ElementType, IReadOnlyList<long> Dims, byte[] RawData);
