using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>A model input or output as ORT reports it.</summary>
/// <param name="Name">The graph input/output name.</param>
/// <param name="ElementType">Tensor element type (<see cref="TensorElementType.DataTypeMax"/> for non-tensors).</param>
/// <param name="Shape">Dimensions; -1 where the dimension is symbolic or unknown.</param>
/// <param name="SymbolicDimensions">Per dimension the symbolic name (e.g. "batch"), or "" for fixed dimensions.</param>
public sealed record OrtNodeInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDimensions)
{
    /// <summary>Whether this is a tensor (the only kind the backends run).</summary>
    public bool IsTensor => ElementType != TensorElementType.DataTypeMax;

    internal static OrtNodeInfo From(string name, NodeMetadata metadata) =>
        metadata.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR
            ? new OrtNodeInfo(name, metadata.ElementDataType, metadata.Dimensions.Select(d => (long)d).ToArray(),
                metadata.SymbolicDimensions.Select(s => s ?? "").ToArray())
            : new OrtNodeInfo(name, TensorElementType.DataTypeMax, [], []);

    public override string ToString() =>
        $"{Name}: {ElementType}[{string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]";
}
