namespace RobustFT.Inference.Onnx.Writing;

/// <summary>One operator node; attributes sorted by name so the bytes do not depend on dictionary order.</summary>
internal sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<KeyValuePair<string, object>> Attributes,
    string Name,
    string Domain);
