using RobustFT.Inference.Onnx.Writing;

namespace RobustFT.Inference.TinyModels;

/// <summary>Small helpers over <see cref="OnnxGraphBuilder"/> that name intermediate values and constants, so the
/// decoder and encoder graphs read like their reference forward passes.</summary>
internal sealed class GraphOps(OnnxGraphBuilder builder)
{
    private int _counter;
    private readonly Dictionary<string, string> _constants = [];

    public OnnxGraphBuilder Builder => builder;

    public string Fresh(string hint) => $"{hint}_{_counter++}";

    public string Node(string op, string[] inputs, Dictionary<string, object>? attributes = null, string? output = null)
    {
        output ??= Fresh(op.ToLowerInvariant());
        builder.AddNode(op, inputs, [output], attributes);
        return output;
    }

    public string Weight(string name, float[] data, params long[] dims)
    {
        builder.AddInitializer(name, data, dims);
        return name;
    }

    public string Scalar(float value) => Constant($"const_f_{BitConverter.SingleToInt32Bits(value):X8}", () => builder.AddInitializer($"const_f_{BitConverter.SingleToInt32Bits(value):X8}", new[] { value }));

    public string Scalar(long value) => Constant($"const_i_{value}", () => builder.AddInitializer($"const_i_{value}", new[] { value }));

    public string Vector(params long[] values)
    {
        var name = "const_v_" + string.Join("_", values.Select(v => v < 0 ? "m" + (-v) : v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Constant(name, () => builder.AddInitializer(name, values, values.Length));
    }

    private string Constant(string name, Action add)
    {
        if (_constants.TryAdd(name, name)) add();
        return name;
    }

    public string Add(string a, string b, string? output = null) => Node("Add", [a, b], output: output);
    public string Mul(string a, string b) => Node("Mul", [a, b]);
    public string MatMul(string a, string b) => Node("MatMul", [a, b]);
    public string Linear(string x, string w, string b) => Add(MatMul(x, w), b);

    public string LayerNorm(string x, string scale, string bias, float epsilon) =>
        Node("LayerNormalization", [x, scale, bias], new() { ["axis"] = -1L, ["epsilon"] = epsilon });

    public string Transpose(string x, params long[] perm) => Node("Transpose", [x], new() { ["perm"] = perm });

    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Vector(shape)]);

    public string Unsqueeze(string x, params long[] axes) => Node("Unsqueeze", [x, Vector(axes)]);

    /// <summary>Dimension <paramref name="axis"/> of <paramref name="x"/> as an int64 scalar.</summary>
    public string Dim(string x, long axis) => Node("Gather", [Node("Shape", [x]), Scalar(axis)], new() { ["axis"] = 0L });

    /// <summary>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), in the reference's order of operations.</summary>
    public string Gelu(string x)
    {
        var cube = Mul(Mul(x, x), x);
        var inner = Add(x, Mul(cube, Scalar(ReferenceMath.GeluCubic)));
        var tanh = Node("Tanh", [Mul(inner, Scalar(ReferenceMath.GeluScale))]);
        return Mul(Mul(x, Scalar(0.5f)), Add(tanh, Scalar(1f)));
    }

    /// <summary>[B, S, heads·D] → [B, heads, S, D].</summary>
    public string SplitHeads(string x, int heads, int headDim) => Transpose(Reshape(x, 0, 0, heads, headDim), 0, 2, 1, 3);

    /// <summary>Masked scaled dot-product attention; <paramref name="allowed"/> broadcasts to [B, heads, S, T].</summary>
    public string Attention(string q, string k, string v, string allowed, int headDim, int hidden)
    {
        var scores = Mul(MatMul(q, Transpose(k, 0, 1, 3, 2)), Scalar(1f / MathF.Sqrt(headDim)));
        var masked = Node("Where", [allowed, scores, Scalar(ReferenceMath.MaskedScore)]);
        var probs = Node("Softmax", [masked], new() { ["axis"] = -1L });
        return Reshape(Transpose(MatMul(probs, v), 0, 2, 1, 3), 0, 0, hidden);
    }
}
