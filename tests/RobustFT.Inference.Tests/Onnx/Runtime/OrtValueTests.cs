using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtValueTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public void A_tensor_over_managed_memory_sees_writes_made_between_runs_because_nothing_is_copied()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), new SessionConfig(IntraOpThreads: 1));
        var data = new float[] { 1f, 2f, 3f };
        using var input = OrtValue.FromArray(fixture.Runtime, data, 3);

        using (var first = session.Run([new("x", input)], ["y"]))
        {
            Assert.Equal([2f, 4f, 6f], first[0].ToArray<float>());
        }

        data[0] = 10f;
        data[2] = -1f;
        using var second = session.Run([new("x", input)], ["y"]);

        Assert.Equal([20f, 4f, -2f], second[0].ToArray<float>());
    }

    [Fact]
    public void A_tensor_over_a_slice_of_an_array_reads_only_that_slice()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), new SessionConfig(IntraOpThreads: 1));
        var data = new float[] { 100f, 1f, 2f, 100f };
        using var input = OrtValue.FromMemory(fixture.Runtime, data.AsMemory(1, 2), [2]);

        using var results = session.Run([new("x", input)], ["y"]);

        Assert.Equal([2f, 4f], results[0].ToArray<float>());
    }

    [Fact]
    public void Reading_the_input_tensor_back_returns_the_managed_data_and_shape()
    {
        var data = new long[] { 1, 2, 3, 4, 5, 6 };
        using var value = OrtValue.FromArray(fixture.Runtime, data, 2, 3);

        Assert.Equal(OrtElementType.Int64, value.ElementType);
        Assert.Equal([2L, 3L], value.Shape);
        Assert.Equal(6, value.ElementCount);
        Assert.Equal(data, value.ToArray<long>());
    }

    [Fact]
    public void A_shape_that_does_not_match_the_memory_length_is_rejected_before_calling_ort()
    {
        var ex = Assert.Throws<ArgumentException>(() => OrtValue.FromArray(fixture.Runtime, new float[5], 2, 3));

        Assert.Contains("6 elements", ex.Message);
        Assert.Contains("holds 5", ex.Message);
    }

    [Fact]
    public void Reading_a_tensor_as_the_wrong_element_type_throws()
    {
        using var value = OrtValue.FromArray(fixture.Runtime, new float[] { 1f }, 1);

        var ex = Assert.Throws<InvalidOperationException>(() => value.AsSpan<long>().Length);

        Assert.Contains("Float", ex.Message);
    }

    [Fact]
    public void An_explicit_element_type_of_another_size_is_rejected()
    {
        Assert.Throws<ArgumentException>(
            () => OrtValue.FromMemory<int>(fixture.Runtime, new int[2], [2], OrtElementType.Int64));
    }

    [Fact]
    public void Disposing_a_value_twice_is_safe_and_later_reads_throw_ObjectDisposedException()
    {
        var value = OrtValue.FromArray(fixture.Runtime, new int[] { 1, 2 }, 2);

        value.Dispose();
        value.Dispose();

        Assert.True(value.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => value.ToArray<int>());
    }

    [Fact]
    public void Half_tensors_round_trip_their_bits()
    {
        var data = new[] { (Half)1.5f, (Half)(-2f) };
        using var value = OrtValue.FromArray(fixture.Runtime, data, 2);

        Assert.Equal(OrtElementType.Float16, value.ElementType);
        Assert.Equal(data, value.ToArray<Half>());
    }
}
