using RobustFT.Inference.Onnx.Writing;

namespace RobustFT.Inference.Tests.Onnx.Writing;

public sealed class OnnxGraphBuilderTests
{
    private static OnnxGraphBuilder Sample(IReadOnlyDictionary<string, object> attributes)
    {
        var builder = new OnnxGraphBuilder("g");
        builder.AddInput("x", OnnxElementType.Float, "batch", 4L);
        builder.AddOutput("y", OnnxElementType.Float, "batch", 4L);
        builder.AddInitializer("w", new float[] { 1, 2, 3, 4 }, 4);
        builder.AddNode("Mul", ["x", "w"], ["m"]);
        builder.AddNode("LeakyRelu", ["m"], ["y"], attributes);
        return builder;
    }

    [Fact]
    public void The_same_calls_give_the_same_bytes()
    {
        var attributes = new Dictionary<string, object> { ["alpha"] = 0.1f };

        Assert.Equal(Sample(attributes).ToBytes(), Sample(attributes).ToBytes());
    }

    [Fact]
    public void Attribute_order_in_the_dictionary_does_not_change_the_bytes()
    {
        var first = new Dictionary<string, object> { ["a"] = 1L, ["b"] = "s", ["c"] = new long[] { 1, 2 } };
        var second = new Dictionary<string, object> { ["c"] = new long[] { 1, 2 }, ["a"] = 1L, ["b"] = "s" };

        Assert.Equal(Sample(first).ToBytes(), Sample(second).ToBytes());
    }

    [Fact]
    public void Different_content_gives_different_bytes()
    {
        var a = Sample(new Dictionary<string, object> { ["alpha"] = 0.1f }).ToBytes();
        var b = Sample(new Dictionary<string, object> { ["alpha"] = 0.2f }).ToBytes();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_model_starts_with_the_ir_version_field_for_the_opset()
    {
        var bytes = new OnnxGraphBuilder("g", opset: 17).ToBytes();

        // field 1 (ir_version), varint wire type => tag 0x08, then 8 for opset 17.
        Assert.Equal([0x08, 0x08], bytes[..2]);
        Assert.Equal(8, OnnxGraphBuilder.IrVersionFor(17));
        Assert.Equal(10, OnnxGraphBuilder.IrVersionFor(21));
    }

    [Fact]
    public void Save_writes_the_bytes_to_a_new_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"robustft-writer-{Guid.NewGuid():N}", "nested");
        var path = Path.Combine(dir, "m.onnx");
        var builder = Sample(new Dictionary<string, object> { ["alpha"] = 0.3f });
        try
        {
            builder.Save(path);

            Assert.Equal(builder.ToBytes(), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    [Fact]
    public void An_initializer_whose_data_does_not_fill_its_shape_is_rejected()
    {
        var builder = new OnnxGraphBuilder("g");

        var ex = Assert.Throws<ArgumentException>(() => builder.AddInitializer("w", new float[5], 2, 3));

        Assert.Contains("'w'", ex.Message);
        Assert.Contains("6 elements", ex.Message);
    }

    [Fact]
    public void A_name_used_twice_as_input_or_initializer_is_rejected()
    {
        var builder = new OnnxGraphBuilder("g");
        builder.AddInput("x", OnnxElementType.Float, 1L);

        Assert.Throws<ArgumentException>(() => builder.AddInitializer("x", new long[] { 1 }, 1));
        Assert.Throws<ArgumentException>(() => builder.AddInput("x", OnnxElementType.Int64, 1L));
    }

    [Fact]
    public void A_dimension_that_is_neither_a_count_nor_a_name_is_rejected()
    {
        var builder = new OnnxGraphBuilder("g");

        Assert.Throws<ArgumentException>(() => builder.AddInput("x", OnnxElementType.Float, 1.5));
        Assert.Throws<ArgumentException>(() => builder.AddOutput("y", OnnxElementType.Float, -2L));
    }

    [Fact]
    public void An_attribute_of_unsupported_type_is_rejected_naming_it()
    {
        var builder = new OnnxGraphBuilder("g");

        var ex = Assert.Throws<ArgumentException>(
            () => builder.AddNode("Foo", ["a"], ["b"], new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch }));

        Assert.Contains("when", ex.Message);
    }

    [Fact]
    public void Node_names_are_generated_unique_and_duplicates_are_rejected()
    {
        var builder = new OnnxGraphBuilder("g");

        var first = builder.AddNode("Relu", ["a"], ["b"]);
        var second = builder.AddNode("Relu", ["b"], ["c"]);

        Assert.NotEqual(first, second);
        Assert.Throws<ArgumentException>(() => builder.AddNode("Relu", ["c"], ["d"], name: first));
    }
}
