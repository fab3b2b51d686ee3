namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>Tensor element type (values are ONNX's <c>TensorProto.DataType</c> / ORT's <c>ONNXTensorElementDataType</c>).</summary>
public enum OrtElementType
{
    Undefined = 0,
    Float = 1,
    Uint8 = 2,
    Int8 = 3,
    Uint16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    Uint32 = 12,
    Uint64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}
