using Microsoft.ML.OnnxRuntime.Tensors;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Generation;

public sealed class DecoderLayoutTests
{
    private static OrtNodeInfo Tensor(string name, TensorElementType type, params long[] shape) =>
        new(name, type, shape, shape.Select(d => d < 0 ? "dim" : "").ToArray());

    private static OrtNodeInfo Ids(string name) => Tensor(name, TensorElementType.Int64, -1, -1);
    private static OrtNodeInfo Cache(string name) => Tensor(name, TensorElementType.Float, -1, 2, -1, 8);
    private static readonly OrtNodeInfo Logits = Tensor("logits", TensorElementType.Float, -1, -1, 50);

    [Fact]
    public void A_with_past_export_is_detected_with_its_cache_shape()
    {
        var layout = DecoderLayout.Detect("m.onnx",
            [Ids("input_ids"), Ids("attention_mask"), Cache("past_key_values.0.key"), Cache("past_key_values.0.value")],
            [Logits, Cache("present.0.key"), Cache("present.0.value")]);

        Assert.Equal(new DecoderLayout(true, 1, 2, 8, 50, false, false), layout);
    }

    [Fact]
    public void A_past_key_without_its_value_is_refused_naming_the_file_and_the_missing_input()
    {
        var error = Assert.Throws<ModelLayoutException>(() => DecoderLayout.Detect("/models/x/model.onnx",
            [Ids("input_ids"), Ids("attention_mask"), Cache("past_key_values.0.key"), Cache("past_key_values.1.key")],
            [Logits, Cache("present.0.key"), Cache("present.1.key")]));

        Assert.Contains("/models/x/model.onnx", error.Message);
        Assert.Contains("past_key_values.0.value", error.Message);
    }

    [Fact]
    public void A_past_input_without_a_present_output_is_refused()
    {
        var error = Assert.Throws<ModelLayoutException>(() => DecoderLayout.Detect("m.onnx",
            [Ids("input_ids"), Ids("attention_mask"), Cache("past_key_values.0.key"), Cache("past_key_values.0.value")],
            [Logits, Cache("present.0.key")]));

        Assert.Contains("'present.0.value'", error.Message);
    }

    [Fact]
    public void A_model_without_input_ids_or_with_half_precision_logits_is_refused()
    {
        var noIds = Assert.Throws<ModelLayoutException>(() => DecoderLayout.Detect("m.onnx", [Ids("attention_mask")], [Logits]));
        var half = Assert.Throws<ModelLayoutException>(() => DecoderLayout.Detect("m.onnx",
            [Ids("input_ids"), Ids("attention_mask")], [Tensor("logits", TensorElementType.Float16, -1, -1, 50)]));

        Assert.Contains("no input 'input_ids'", noIds.Message);
        Assert.Contains("only float32 logits", half.Message);
    }
}
