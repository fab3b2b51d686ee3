using Microsoft.ML.OnnxRuntime;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtSessionErrorTests(OnnxRuntimeFixture fixture)
{
    private static readonly SessionConfig SingleThread = new(IntraOpThreads: 1, InterOpThreads: 1);

    private static OnnxSession Classifier() => OnnxSession.FromBytes(TestModels.SoftmaxClassifier(), SingleThread);

    [Fact]
    public void An_unknown_input_name_fails_with_ort_message_naming_it()
    {
        using var session = Classifier();
        using var input = OnnxTestRuns.Tensor(new float[3], 1, 3);

        var ex = Assert.Throws<OnnxSessionException>(() => session.Run([("not_x", input)], ["probs"]));

        Assert.Contains("not_x", ex.Message);
        Assert.Contains("is not in the metadata", ex.Message);
        Assert.Contains("<memory>", ex.Message);
    }

    [Fact]
    public void An_unknown_output_name_fails_with_ort_message_naming_it()
    {
        using var session = Classifier();
        using var input = OnnxTestRuns.Tensor(new float[3], 1, 3);

        var ex = Assert.Throws<OnnxSessionException>(() => session.Run([("x", input)], ["nope"]));

        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void A_wrong_input_shape_fails_with_ort_message_about_dimensions()
    {
        using var session = Classifier();
        using var input = OnnxTestRuns.Tensor(new float[4], 2, 2);

        var ex = Assert.Throws<OnnxSessionException>(() => session.Run([("x", input)], ["probs"]));

        Assert.Contains("invalid dimensions", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<memory>", ex.Message);
    }

    [Fact]
    public void A_wrong_input_element_type_fails_with_ort_message_naming_both_types()
    {
        using var session = Classifier();
        using var input = OnnxTestRuns.Tensor(new long[3], 1, 3);

        var ex = Assert.Throws<OnnxSessionException>(() => session.Run([("x", input)], ["probs"]));

        Assert.Contains("tensor(int64)", ex.Message);
        Assert.Contains("tensor(float)", ex.Message);
    }

    [Fact]
    public void A_missing_model_file_throws_FileNotFoundException_naming_it()
    {
        var path = fixture.TempPath("missing.onnx");

        var ex = Assert.Throws<FileNotFoundException>(() => OnnxSession.Open(path, SingleThread));

        Assert.Equal(path, ex.FileName);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void A_corrupt_model_file_fails_naming_the_file_and_carrying_ort_message()
    {
        var path = fixture.TempPath("corrupt.onnx");
        File.WriteAllBytes(path, [0x08, 0x07, 0x12, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x3A, 0x99]);

        var ex = Assert.Throws<OnnxSessionException>(() => OnnxSession.Open(path, SingleThread));

        Assert.Contains(path, ex.Message);
        Assert.Contains("Protobuf parsing failed", ex.Message);
    }

    [Fact]
    public void A_model_with_an_unknown_operator_fails_with_ort_message_naming_the_operator()
    {
        var builder = new RobustFT.Inference.Onnx.Writing.OnnxGraphBuilder("bad");
        builder.AddInput("x", RobustFT.Inference.Onnx.Writing.OnnxElementType.Float, 1L);
        builder.AddOutput("y", RobustFT.Inference.Onnx.Writing.OnnxElementType.Float, 1L);
        builder.AddNode("NoSuchOperator", ["x"], ["y"]);
        var path = fixture.TempPath("unknown-op.onnx");
        builder.Save(path);

        var ex = Assert.Throws<OnnxSessionException>(() => OnnxSession.Open(path, SingleThread));

        Assert.Contains(path, ex.Message);
        Assert.Contains("NoSuchOperator", ex.Message);
    }

    [Fact]
    public void Asking_for_cuda_on_a_machine_without_cuda_is_a_clear_error_not_a_crash()
    {
        var path = fixture.TempPath("classifier.onnx");
        File.WriteAllBytes(path, TestModels.SoftmaxClassifier());

        var ex = Assert.Throws<ExecutionProviderUnavailableException>(
            () => OnnxSession.Open(path, SingleThread with { ExecutionProvider = "cuda", DeviceId = 0 }));

        // ORT's own message (its CUDA provider library cannot be loaded here) is carried in ours and as the inner exception.
        Assert.StartsWith("the CUDA execution provider (device 0) cannot be loaded: ", ex.Message);
        var inner = Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.EndsWith(inner.Message, ex.Message);
        Assert.Contains("Failed to load shared library", inner.Message);
    }

    [Fact]
    public void An_unknown_execution_provider_name_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => OnnxSession.FromBytes(TestModels.Doubler(), SingleThread with { ExecutionProvider = "tpu" }));

        Assert.Contains("tpu", ex.Message);
    }
}
