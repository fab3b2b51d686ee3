using System.Runtime.InteropServices;
using static RobustFT.Inference.Onnx.Writing.OnnxProtoFields;

namespace RobustFT.Inference.Onnx.Writing;

/// <summary>
/// Builds an ONNX <c>ModelProto</c> (one graph) and writes it by hand with Google.Protobuf's
/// <c>CodedOutputStream</c>. The same calls always give the same bytes (no timestamps, attributes sorted by name).
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly string _graphName;
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly HashSet<string> _graphInputNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _customDomains = new(StringComparer.Ordinal);

    /// <summary>A builder for graph <paramref name="graphName"/> importing the default ONNX domain at <paramref name="opset"/>.</summary>
    public OnnxGraphBuilder(string graphName, long opset = 17)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        if (opset < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset, "The opset version must be at least 1.");
        }

        _graphName = graphName;
        Opset = opset;
        IrVersion = IrVersionFor(opset);
    }

    /// <summary>Version of the default ("" = ai.onnx) operator set.</summary>
    public long Opset { get; }

    /// <summary>ONNX IR version written into the model; defaults to the one that introduced <see cref="Opset"/>.</summary>
    public long IrVersion { get; set; }

    /// <summary>Operator set version imported for every non-default node domain (e.g. "com.microsoft").</summary>
    public long CustomDomainOpset { get; set; } = 1;

    /// <summary>Adds a graph input; each dim is a <c>long</c>/<c>int</c> (fixed) or a <c>string</c> (symbolic, e.g. "batch").</summary>
    public void AddInput(string name, OnnxElementType type, params object[] dims)
    {
        ClaimGraphInputName(name);
        _inputs.Add(new OnnxValueInfo(name, type, NormalizeDims(name, dims)));
    }

    /// <summary>Adds a graph output; dims as for <see cref="AddInput"/>.</summary>
    public void AddOutput(string name, OnnxElementType type, params object[] dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_outputs.Any(o => o.Name == name))
        {
            throw new ArgumentException($"Graph output '{name}' is already defined.", nameof(name));
        }

        _outputs.Add(new OnnxValueInfo(name, type, NormalizeDims(name, dims)));
    }

    /// <summary>Adds a float32 constant tensor.</summary>
    public void AddInitializer(string name, float[] data, params long[] dims) =>
        AddInitializer(name, OnnxElementType.Float, MemoryMarshal.AsBytes(data.AsSpan()), data.Length, dims);

    /// <summary>Adds an int64 constant tensor.</summary>
    public void AddInitializer(string name, long[] data, params long[] dims) =>
        AddInitializer(name, OnnxElementType.Int64, MemoryMarshal.AsBytes(data.AsSpan()), data.Length, dims);

    /// <summary>Adds an int32 constant tensor.</summary>
    public void AddInitializer(string name, int[] data, params long[] dims) =>
        AddInitializer(name, OnnxElementType.Int32, MemoryMarshal.AsBytes(data.AsSpan()), data.Length, dims);

    /// <summary>
    /// Adds a node and returns its name (generated as "<c>OpType_N</c>" when <paramref name="name"/> is null).
    /// Attribute values: <c>long</c>, <c>int</c>, <c>float</c>, <c>double</c> (written as float), <c>string</c>,
    /// <c>long[]</c>, <c>int[]</c>, <c>float[]</c>, <c>string[]</c>.
    /// </summary>
    public string AddNode(
        string opType,
        string[] inputs,
        string[] outputs,
        IReadOnlyDictionary<string, object>? attributes = null,
        string? name = null,
        string? domain = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var nodeName = name ?? $"{opType}_{_nodes.Count}";
        if (!_nodeNames.Add(nodeName))
        {
            throw new ArgumentException($"Node name '{nodeName}' is already used.", nameof(name));
        }

        var sorted = (attributes ?? new Dictionary<string, object>())
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToArray();
        foreach (var (key, value) in sorted)
        {
            ValidateAttribute(opType, key, value);
        }

        var nodeDomain = domain ?? "";
        if (nodeDomain.Length > 0)
        {
            _customDomains.Add(nodeDomain);
        }

        _nodes.Add(new OnnxNode(opType, inputs.ToArray(), outputs.ToArray(), sorted, nodeName, nodeDomain));
        return nodeName;
    }

    /// <summary>The serialized <c>ModelProto</c>.</summary>
    public byte[] ToBytes(string producerName = "robustft")
    {
        var model = new ProtoWriter();
        model.Int64(ModelIrVersion, IrVersion);
        model.String(ModelProducerName, producerName);
        model.Message(ModelGraph, WriteGraph);
        model.Message(ModelOpsetImport, o =>
        {
            o.String(OpsetDomain, "");
            o.Int64(OpsetVersion, Opset);
        });
        foreach (var domain in _customDomains)
        {
            model.Message(ModelOpsetImport, o =>
            {
                o.String(OpsetDomain, domain);
                o.Int64(OpsetVersion, CustomDomainOpset);
            });
        }

        return model.ToArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/>, creating its directory.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, ToBytes());
    }

    /// <summary>The IR version that shipped with an opset (ONNX's versioning table).</summary>
    public static long IrVersionFor(long opset) => opset switch
    {
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        <= 22 => 10,
        _ => 11,
    };

    private void WriteGraph(ProtoWriter graph)
    {
        foreach (var node in _nodes)
        {
            graph.Message(GraphNode, n => WriteNode(n, node));
        }

        graph.String(GraphName, _graphName);
        foreach (var initializer in _initializers)
        {
            graph.Message(GraphInitializer, t =>
            {
                t.PackedInt64(TensorDims, initializer.Dims);
                t.Int32(TensorDataType, (int)initializer.ElementType);
                t.String(TensorName, initializer.Name);
                t.Bytes(TensorRawData, initializer.RawData);
            });
        }

        foreach (var input in _inputs)
        {
            graph.Message(GraphInput, v => WriteValueInfo(v, input));
        }

        foreach (var output in _outputs)
        {
            graph.Message(GraphOutput, v => WriteValueInfo(v, output));
        }
    }

    private static void WriteNode(ProtoWriter n, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            n.String(NodeInput, input);
        }

        foreach (var output in node.Outputs)
        {
            n.String(NodeOutput, output);
        }

        n.String(NodeName, node.Name);
        n.String(NodeOpType, node.OpType);
        foreach (var (key, value) in node.Attributes)
        {
            n.Message(NodeAttribute, a => WriteAttribute(a, key, value));
        }

        if (node.Domain.Length > 0)
        {
            n.String(NodeDomain, node.Domain);
        }
    }

    private static void WriteAttribute(ProtoWriter a, string name, object value)
    {
        a.String(AttributeName, name);
        switch (value)
        {
            case long l:
                a.Int64(AttributeI, l);
                a.Int32(AttributeType, AttributeTypeInt);
                break;
            case int i:
                a.Int64(AttributeI, i);
                a.Int32(AttributeType, AttributeTypeInt);
                break;
            case float f:
                a.Float(AttributeF, f);
                a.Int32(AttributeType, AttributeTypeFloat);
                break;
            case double d:
                a.Float(AttributeF, (float)d);
                a.Int32(AttributeType, AttributeTypeFloat);
                break;
            case string s:
                a.String(AttributeS, s);
                a.Int32(AttributeType, AttributeTypeString);
                break;
            case long[] ls:
                a.PackedInt64(AttributeInts, ls);
                a.Int32(AttributeType, AttributeTypeInts);
                break;
            case int[] ins:
                a.PackedInt64(AttributeInts, ins.Select(x => (long)x).ToArray());
                a.Int32(AttributeType, AttributeTypeInts);
                break;
            case float[] fs:
                a.PackedFloat(AttributeFloats, fs);
                a.Int32(AttributeType, AttributeTypeFloats);
                break;
            case string[] ss:
                foreach (var s in ss)
                {
                    a.String(AttributeStrings, s);
                }

                a.Int32(AttributeType, AttributeTypeStrings);
                break;
            default:
                throw new InvalidOperationException($"Attribute '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static void WriteValueInfo(ProtoWriter v, OnnxValueInfo info)
    {
        v.String(ValueInfoName, info.Name);
        v.Message(ValueInfoType, type => type.Message(TypeTensorType, tensor =>
        {
            tensor.Int32(TensorTypeElemType, (int)info.ElementType);
            tensor.Message(TensorTypeShape, shape =>
            {
                foreach (var dim in info.Dims)
                {
                    shape.Message(ShapeDim, d =>
                    {
                        if (dim is string symbol)
                        {
                            d.String(DimParam, symbol);
                        }
                        else
                        {
                            d.Int64(DimValue, (long)dim);
                        }
                    });
                }
            });
        }));
    }

    private void AddInitializer(string name, OnnxElementType type, ReadOnlySpan<byte> raw, int count, long[] dims)
    {
        ClaimGraphInputName(name);
        long expected = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Initializer '{name}' has a negative dimension in [{string.Join(", ", dims)}].", nameof(dims));
            }

            expected = checked(expected * d);
        }

        if (expected != count)
        {
            throw new ArgumentException(
                $"Initializer '{name}' has shape [{string.Join(", ", dims)}] ({expected} elements) but {count} values.", nameof(dims));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer needs a little-endian machine.");
        }

        _initializers.Add(new OnnxInitializer(name, type, dims.ToArray(), raw.ToArray()));
    }

    private void ClaimGraphInputName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_graphInputNames.Add(name))
        {
            throw new ArgumentException($"'{name}' is already a graph input or initializer.", nameof(name));
        }
    }

    private static IReadOnlyList<object> NormalizeDims(string valueName, object[] dims) =>
        dims.Select((d, i) => d switch
        {
            long l when l >= 0 => (object)l,
            int n when n >= 0 => (long)n,
            string s when s.Length > 0 => s,
            _ => throw new ArgumentException(
                $"Dimension {i} of '{valueName}' must be a non-negative long/int or a non-empty symbolic name, got '{d}'.", nameof(dims)),
        }).ToArray();

    private static void ValidateAttribute(string opType, string key, object value)
    {
        if (value is not (long or int or float or double or string or long[] or int[] or float[] or string[]))
        {
            throw new ArgumentException(
                $"Attribute '{key}' of {opType} has unsupported type {value?.GetType().Name ?? "null"} " +
                "(expected long, int, float, double, string, long[], int[], float[] or string[]).");
        }
    }
}
