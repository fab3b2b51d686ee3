using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Onnx.Writing;
using RobustFT.Inference.Tests.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Writing;

/// <summary>Models written by <see cref="OnnxGraphBuilder"/> are loaded and run by ONNX Runtime itself.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxGraphBuilderRoundTripTests
{
    private static readonly SessionConfig SingleThread = new(IntraOpThreads: 1, InterOpThreads: 1);

    [Fact]
    public void Every_attribute_kind_is_read_by_onnx_runtime()
    {
        var builder = new OnnxGraphBuilder("attributes");
        builder.AddInput("x", OnnxElementType.Float, 2L, 3L);
        builder.AddOutput("floats", OnnxElementType.Float, 3L);
        builder.AddOutput("ints", OnnxElementType.Int64, 2L);
        builder.AddOutput("transposed", OnnxElementType.Float, 3L, 2L);
        builder.AddOutput("gemm", OnnxElementType.Float, 2L, 2L);
        builder.AddOutput("int_scalar", OnnxElementType.Int64);
        builder.AddInitializer("g", new float[] { 1, 0, 0, 1, 1, 1 }, 2, 3);
        builder.AddNode("Constant", [], ["floats"], new Dictionary<string, object> { ["value_floats"] = new[] { 0.5f, 1.5f, -2f } });
        builder.AddNode("Constant", [], ["ints"], new Dictionary<string, object> { ["value_ints"] = new long[] { 7, 1L << 40 } });
        builder.AddNode("Constant", [], ["int_scalar"], new Dictionary<string, object> { ["value_int"] = 42 });
        builder.AddNode("Transpose", ["x"], ["transposed"], new Dictionary<string, object> { ["perm"] = new[] { 1, 0 } });
        builder.AddNode(
            "Gemm",
            ["x", "g"],
            ["gemm"],
            new Dictionary<string, object> { ["alpha"] = 2.0, ["transB"] = 1L });
        using var session = OnnxSession.FromBytes(builder.ToBytes(), SingleThread);
        var x = new float[] { 1, 2, 3, 4, 5, 6 };
        using var input = OnnxTestRuns.Tensor(x, 2, 3);

        using var results = session.Run([("x", input)]);

        Assert.Equal([0.5f, 1.5f, -2f], results["floats"].ToArray<float>());
        Assert.Equal([7L, 1L << 40], results["ints"].ToArray<long>());
        Assert.Equal([42L], results["int_scalar"].ToArray<long>());
        Assert.Empty(results["int_scalar"].Shape());
        Assert.Equal([1f, 4, 2, 5, 3, 6], results["transposed"].ToArray<float>());
        // gemm = 2 * x · gᵀ: rows of g are [1,0,0] and [1,1,1].
        Assert.Equal([2f, 12, 8, 30], results["gemm"].ToArray<float>());
    }

    [Fact]
    public void String_attributes_reach_the_operator()
    {
        var builder = new OnnxGraphBuilder("pad");
        builder.AddInput("x", OnnxElementType.Float, 3L);
        builder.AddOutput("y", OnnxElementType.Float, 5L);
        builder.AddInitializer("pads", new long[] { 1, 1 }, 2);
        builder.AddNode("Pad", ["x", "pads"], ["y"], new Dictionary<string, object> { ["mode"] = "edge" });
        using var session = OnnxSession.FromBytes(builder.ToBytes(), SingleThread);
        using var input = OnnxTestRuns.Tensor(new float[] { 1, 2, 3 }, 3);

        using var results = session.Run([("x", input)]);

        Assert.Equal([1f, 1, 2, 3, 3], results[0].ToArray<float>());
    }

    [Fact]
    public void Nodes_in_a_custom_domain_import_that_domain()
    {
        var builder = new OnnxGraphBuilder("contrib");
        builder.AddInput("x", OnnxElementType.Float, 4L);
        builder.AddOutput("y", OnnxElementType.Float, 4L);
        builder.AddNode("FastGelu", ["x"], ["y"], domain: "com.microsoft");
        using var session = OnnxSession.FromBytes(builder.ToBytes(), SingleThread);
        var x = new float[] { -2f, -0.5f, 0.5f, 2f };
        using var input = OnnxTestRuns.Tensor(x, 4);

        using var results = session.Run([("x", input)]);

        var expected = x.Select(v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v))))).ToArray();
        var actual = results[0].ToArray<float>();
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 4);
        }
    }
}
