using RobustFT.Inference.Onnx.Native;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtSessionErrorTests(OnnxRuntimeFixture fixture)
{
    private static readonly SessionConfig SingleThread = new(IntraOpThreads: 1, InterOpThreads: 1);

    private OrtSession Classifier() => OrtSession.FromBytes(fixture.Runtime, TestModels.SoftmaxClassifier(), SingleThread);

    [Fact]
    public void An_unknown_input_name_fails_with_ort_message_naming_it()
    {
        using var session = Classifier();
        using var input = OrtValue.FromArray(fixture.Runtime, new float[3], 1, 3);

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("not_x", input)], ["probs"]));

        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("not_x", ex.Message);
        Assert.Contains("Invalid input name", ex.Message);
    }

    [Fact]
    public void An_unknown_output_name_fails_with_ort_message_naming_it()
    {
        using var session = Classifier();
        using var input = OrtValue.FromArray(fixture.Runtime, new float[3], 1, 3);

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", input)], ["nope"]));

        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void A_wrong_input_shape_fails_with_ort_message_about_dimensions()
    {
        using var session = Classifier();
        using var input = OrtValue.FromArray(fixture.Runtime, new float[4], 2, 2);

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", input)], ["probs"]));

        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("invalid dimensions", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<memory>", ex.Message);
    }

    [Fact]
    public void A_wrong_input_element_type_fails_with_ort_message_naming_both_types()
    {
        using var session = Classifier();
        using var input = OrtValue.FromArray(fixture.Runtime, new long[3], 1, 3);

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", input)], ["probs"]));

        Assert.Equal(OrtErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Contains("tensor(int64)", ex.Message);
        Assert.Contains("tensor(float)", ex.Message);
    }

    [Fact]
    public void A_missing_model_file_throws_FileNotFoundException_naming_it()
    {
        var path = fixture.TempPath("missing.onnx");

        var ex = Assert.Throws<FileNotFoundException>(() => OrtSession.Open(fixture.Runtime, path, SingleThread));

        Assert.Equal(path, ex.FileName);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void A_corrupt_model_file_fails_naming_the_file_and_carrying_ort_message()
    {
        var path = fixture.TempPath("corrupt.onnx");
        File.WriteAllBytes(path, [0x08, 0x07, 0x12, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x3A, 0x99]);

        var ex = Assert.Throws<OnnxRuntimeException>(() => OrtSession.Open(fixture.Runtime, path, SingleThread));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, ex.ErrorCode);
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

        var ex = Assert.Throws<OnnxRuntimeException>(() => OrtSession.Open(fixture.Runtime, path, SingleThread));

        Assert.Contains(path, ex.Message);
        Assert.Contains("NoSuchOperator", ex.Message);
    }

    [Fact]
    public void Asking_for_cuda_on_the_cpu_only_library_is_a_clear_error_not_a_crash()
    {
        var path = fixture.TempPath("classifier.onnx");
        File.WriteAllBytes(path, TestModels.SoftmaxClassifier());

        var ex = Assert.Throws<OnnxRuntimeException>(
            () => OrtSession.Open(fixture.Runtime, path, SingleThread with { ExecutionProvider = "cuda", DeviceId = 0 }));

        Assert.StartsWith($"CUDA execution provider is not available in {fixture.LibraryPath}", ex.Message);
        // The npm build lists CUDAExecutionProvider but ships without its provider libraries: ORT's load failure
        // is carried inside the message and as the inner exception.
        var inner = Assert.IsType<OnnxRuntimeException>(ex.InnerException);
        Assert.Equal(inner.ErrorCode, ex.ErrorCode);
        Assert.EndsWith(inner.Message, ex.Message);
        Assert.Contains("Failed to load library", inner.Message);
    }

    [Fact]
    public void An_unknown_execution_provider_name_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => OrtSession.FromBytes(fixture.Runtime, TestModels.Doubler(), SingleThread with { ExecutionProvider = "tpu" }));

        Assert.Contains("tpu", ex.Message);
    }
}
