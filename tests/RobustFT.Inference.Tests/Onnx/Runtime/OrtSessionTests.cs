using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtSessionTests(OnnxRuntimeFixture fixture)
{
    private static readonly SessionConfig SingleThread = new(IntraOpThreads: 1, InterOpThreads: 1);

    private OrtSession OpenClassifierFromFile()
    {
        var path = fixture.TempPath("classifier.onnx");
        File.WriteAllBytes(path, TestModels.SoftmaxClassifier());
        return OrtSession.Open(fixture.Runtime, path, SingleThread);
    }

    [Fact]
    public void A_written_model_reports_its_inputs_and_outputs_with_symbolic_batch_dimension()
    {
        using var session = OpenClassifierFromFile();

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(OrtElementType.Float, input.ElementType);
        Assert.Equal([-1L, 3L], input.Shape);
        Assert.Equal(["batch", ""], input.SymbolicDimensions);

        var output = Assert.Single(session.Outputs);
        Assert.Equal("probs", output.Name);
        Assert.Equal(OrtElementType.Float, output.ElementType);
        Assert.Equal([-1L, 4L], output.Shape);
        Assert.Equal("batch", output.SymbolicDimensions[0]);
        Assert.Equal(["probs"], session.OutputNames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Running_the_classifier_matches_the_csharp_computation(int batch)
    {
        using var session = OpenClassifierFromFile();
        var x = Enumerable.Range(0, batch * 3).Select(i => (float)Math.Sin(i * 0.7) * 2f).ToArray();
        using var input = OrtValue.FromArray(fixture.Runtime, x, batch, 3);

        using var results = session.Run([new NamedOrtValue("x", input)], ["probs"]);

        var probs = results["probs"];
        Assert.Equal(OrtElementType.Float, probs.ElementType);
        Assert.Equal([batch, 4L], probs.Shape);
        var expected = TestModels.SoftmaxClassifierReference(x, batch);
        var actual = probs.AsSpan<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void A_model_opened_from_bytes_runs_like_one_opened_from_a_file()
    {
        using var fromBytes = OrtSession.FromBytes(fixture.Runtime, TestModels.SoftmaxClassifier(), SingleThread);
        using var fromFile = OpenClassifierFromFile();
        var x = new float[] { 1f, -2f, 0.5f };
        using var input = OrtValue.FromArray(fixture.Runtime, x, 1, 3);

        using var a = fromBytes.Run([new NamedOrtValue("x", input)]);
        using var b = fromFile.Run([new NamedOrtValue("x", input)]);

        Assert.Equal("<memory>", fromBytes.Source);
        Assert.Equal(b[0].ToArray<float>(), a[0].ToArray<float>());
    }

    [Fact]
    public void Int64_bool_and_int32_inputs_are_passed_and_int64_outputs_read_back()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.IntegerAndBoolModel(), SingleThread);
        Assert.Equal(
            [OrtElementType.Int64, OrtElementType.Bool, OrtElementType.Int32],
            session.Inputs.Select(i => i.ElementType));
        Assert.Equal(["batch", "seq"], session.Inputs[0].SymbolicDimensions);
        var ids = new long[] { 10, 20, 30, 5_000_000_000, 50, 60 };
        var mask = new bool[] { true, false, true, true, false, true };
        var offsets = new int[] { 0, 1, 2, -3, 4, 5 };
        using var idsValue = OrtValue.FromArray(fixture.Runtime, ids, 2, 3);
        using var maskValue = OrtValue.FromArray(fixture.Runtime, mask, 2, 3);
        using var offsetsValue = OrtValue.FromArray(fixture.Runtime, offsets, 2, 3);

        using var results = session.Run(
            [new("ids", idsValue), new("mask", maskValue), new("offsets", offsetsValue)],
            ["shifted", "masked"]);

        Assert.Equal(["shifted", "masked"], results.Names);
        Assert.Equal(OrtElementType.Int64, results["masked"].ElementType);
        Assert.Equal([10L, -1, 30, 5_000_000_000, -1, 60], results["masked"].ToArray<long>());
        Assert.Equal([1000L, 1001, 1002, 997, 1004, 1005], results[0].ToArray<long>());
    }

    [Fact]
    public void Bool_tensors_can_be_built_from_byte_memory_with_an_explicit_element_type()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.IntegerAndBoolModel(), SingleThread);
        using var ids = OrtValue.FromArray(fixture.Runtime, new long[] { 7, 8 }, 1, 2);
        using var mask = OrtValue.FromMemory<byte>(fixture.Runtime, new byte[] { 0, 1 }, [1, 2], OrtElementType.Bool);
        using var offsets = OrtValue.FromArray(fixture.Runtime, new int[] { 0, 0 }, 1, 2);

        using var results = session.Run([new("ids", ids), new("mask", mask), new("offsets", offsets)], ["masked"]);

        Assert.Equal(OrtElementType.Bool, mask.ElementType);
        Assert.Equal([-1L, 8], results[0].ToArray<long>());
    }

    [Fact]
    public void Disposing_a_session_twice_is_safe_and_later_runs_throw_ObjectDisposedException()
    {
        var session = OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), SingleThread);
        using var input = OrtValue.FromArray(fixture.Runtime, new float[] { 1f }, 1);

        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run([new("x", input)], ["y"]));
    }

    [Fact]
    public void Results_disposed_with_their_collection_throw_ObjectDisposedException_on_read()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), SingleThread);
        using var input = OrtValue.FromArray(fixture.Runtime, new float[] { 1.5f, -4f }, 2);
        var results = session.Run([new("x", input)], ["y"]);
        var y = results[0];
        Assert.Equal([3f, -8f], y.ToArray<float>());

        results.Dispose();
        results.Dispose();

        Assert.True(y.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => y.AsSpan<float>().Length);
    }

    [Fact]
    public void Concurrent_runs_on_one_session_give_each_caller_its_own_result()
    {
        using var session = OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), SingleThread);

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var input = OrtValue.FromArray(fixture.Runtime, new float[] { i, i + 0.5f }, 2);
            using var results = session.Run([new("x", input)], ["y"]);
            Assert.Equal([2f * i, (2f * i) + 1f], results[0].ToArray<float>());
        });
    }
}
