namespace RobustFT.Inference.Onnx.Writing;

/// <summary>Element types the writer emits (values are ONNX's <c>TensorProto.DataType</c>).</summary>
public enum OnnxElementType
{
    Float = 1,
    Uint8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
}
