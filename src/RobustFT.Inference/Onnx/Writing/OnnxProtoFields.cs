namespace RobustFT.Inference.Onnx.Writing;

/// <summary>Field numbers from onnx/onnx.proto (onnx/onnx, <c>onnx/onnx.proto</c>) for the messages the writer emits.</summary>
internal static class OnnxProtoFields
{
    // ModelProto
    public const int ModelIrVersion = 1;
    public const int ModelProducerName = 2;
    public const int ModelProducerVersion = 3;
    public const int ModelGraph = 7;
    public const int ModelOpsetImport = 8;

    // OperatorSetIdProto
    public const int OpsetDomain = 1;
    public const int OpsetVersion = 2;

    // GraphProto
    public const int GraphNode = 1;
    public const int GraphName = 2;
    public const int GraphInitializer = 5;
    public const int GraphInput = 11;
    public const int GraphOutput = 12;

    // NodeProto
    public const int NodeInput = 1;
    public const int NodeOutput = 2;
    public const int NodeName = 3;
    public const int NodeOpType = 4;
    public const int NodeAttribute = 5;
    public const int NodeDomain = 7;

    // AttributeProto
    public const int AttributeName = 1;
    public const int AttributeF = 2;
    public const int AttributeI = 3;
    public const int AttributeS = 4;
    public const int AttributeFloats = 7;
    public const int AttributeInts = 8;
    public const int AttributeStrings = 9;
    public const int AttributeType = 20;

    // AttributeProto.AttributeType
    public const int AttributeTypeFloat = 1;
    public const int AttributeTypeInt = 2;
    public const int AttributeTypeString = 3;
    public const int AttributeTypeFloats = 6;
    public const int AttributeTypeInts = 7;
    public const int AttributeTypeStrings = 8;

    // TensorProto
    public const int TensorDims = 1;
    public const int TensorDataType = 2;
    public const int TensorName = 8;
    public const int TensorRawData = 9;

    // ValueInfoProto
    public const int ValueInfoName = 1;
    public const int ValueInfoType = 2;

    // TypeProto / TypeProto.Tensor / TensorShapeProto / TensorShapeProto.Dimension
    public const int TypeTensorType = 1;
    public const int TensorTypeElemType = 1;
    public const int TensorTypeShape = 2;
    public const int ShapeDim = 1;
    public const int DimValue = 1;
    public const int DimParam = 2;
}
