using Microsoft.ML.OnnxRuntime.Tensors;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtSessionTests(OnnxRuntimeFixture fixture)
{
    private static readonly SessionConfig SingleThread = new(IntraOpThreads: 1, InterOpThreads: 1);

    private OnnxSession OpenClassifierFromFile()
    {
        var path = fixture.TempPath("classifier.onnx");
        File.WriteAllBytes(path, TestModels.SoftmaxClassifier());
        return OnnxSession.Open(path, SingleThread);
    }

    [Fact]
    public void A_written_model_reports_its_inputs_and_outputs_with_symbolic_batch_dimension()
    {
        using var session = OpenClassifierFromFile();

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 3L], input.Shape);
        Assert.Equal(["batch", ""], input.SymbolicDimensions);

        var output = Assert.Single(session.Outputs);
        Assert.Equal("probs", output.Name);
        Assert.Equal(TensorElementType.Float, output.ElementType);
        Assert.Equal([-1L, 4L], output.Shape);
        Assert.Equal("batch", output.SymbolicDimensions[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Running_the_classifier_matches_the_csharp_computation(int batch)
    {
        using var session = OpenClassifierFromFile();
        var x = Enumerable.Range(0, batch * 3).Select(i => (float)Math.Sin(i * 0.7) * 2f).ToArray();
        using var input = OnnxTestRuns.Tensor(x, batch, 3);

        using var results = session.Run([("x", input)], ["probs"]);

        var probs = results["probs"];
        Assert.Equal(TensorElementType.Float, probs.GetTensorTypeAndShape().ElementDataType);
        Assert.Equal([batch, 4L], probs.Shape());
        var expected = TestModels.SoftmaxClassifierReference(x, batch);
        var actual = probs.GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void A_model_opened_from_bytes_runs_like_one_opened_from_a_file()
    {
        using var fromBytes = OnnxSession.FromBytes(TestModels.SoftmaxClassifier(), SingleThread);
        using var fromFile = OpenClassifierFromFile();
        var x = new float[] { 1f, -2f, 0.5f };
        using var input = OnnxTestRuns.Tensor(x, 1, 3);

        using var a = fromBytes.Run([("x", input)]);
        using var b = fromFile.Run([("x", input)]);

        Assert.Equal("<memory>", fromBytes.Source);
        Assert.Equal(b[0].ToArray<float>(), a[0].ToArray<float>());
    }

    [Fact]
    public void Int64_bool_and_int32_inputs_are_passed_and_int64_outputs_read_back()
    {
        using var session = OnnxSession.FromBytes(TestModels.IntegerAndBoolModel(), SingleThread);
        Assert.Equal(
            [TensorElementType.Int64, TensorElementType.Bool, TensorElementType.Int32],
            session.Inputs.Select(i => i.ElementType));
        Assert.Equal(["batch", "seq"], session.Inputs[0].SymbolicDimensions);
        var ids = new long[] { 10, 20, 30, 5_000_000_000, 50, 60 };
        var mask = new bool[] { true, false, true, true, false, true };
        var offsets = new int[] { 0, 1, 2, -3, 4, 5 };
        using var idsValue = OnnxTestRuns.Tensor(ids, 2, 3);
        using var maskValue = OnnxTestRuns.Tensor(mask, 2, 3);
        using var offsetsValue = OnnxTestRuns.Tensor(offsets, 2, 3);

        using var results = session.Run(
            [("ids", idsValue), ("mask", maskValue), ("offsets", offsetsValue)],
            ["shifted", "masked"]);

        Assert.Equal(["shifted", "masked"], results.Names);
        Assert.Equal(TensorElementType.Int64, results["masked"].GetTensorTypeAndShape().ElementDataType);
        Assert.Equal([10L, -1, 30, 5_000_000_000, -1, 60], results["masked"].ToArray<long>());
        Assert.Equal([1000L, 1001, 1002, 997, 1004, 1005], results[0].ToArray<long>());
    }

    [Fact]
    public void Concurrent_runs_on_one_session_give_each_caller_its_own_result()
    {
        using var session = OnnxSession.FromBytes(TestModels.Doubler(), SingleThread);

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var input = OnnxTestRuns.Tensor(new float[] { i, i + 0.5f }, 2);
            using var results = session.Run([("x", input)], ["y"]);
            Assert.Equal([2f * i, (2f * i) + 1f], results[0].ToArray<float>());
        });
    }
}
