using RobustFT.Inference.Onnx.Writing;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>Small models written with <see cref="OnnxGraphBuilder"/> and their C# reference computations.</summary>
internal static class TestModels
{
    public static readonly float[] Weights =
    [
        0.5f, -1.0f, 0.25f, 2.0f,
        1.5f, 0.0f, -0.75f, 0.1f,
        -0.3f, 0.8f, 1.2f, -2.0f,
    ];

    public static readonly float[] Bias = [0.1f, -0.2f, 0.3f, 0.0f];

    /// <summary>probs[batch, 4] = Softmax(MatMul(x[batch, 3], W[3, 4]) + b[4]).</summary>
    public static byte[] SoftmaxClassifier()
    {
        var builder = new OnnxGraphBuilder("softmax_classifier");
        builder.AddInput("x", OnnxElementType.Float, "batch", 3L);
        builder.AddOutput("probs", OnnxElementType.Float, "batch", 4L);
        builder.AddInitializer("W", Weights, 3, 4);
        builder.AddInitializer("b", Bias, 4);
        builder.AddNode("MatMul", ["x", "W"], ["xw"]);
        builder.AddNode("Add", ["xw", "b"], ["logits"]);
        builder.AddNode("Softmax", ["logits"], ["probs"], new Dictionary<string, object> { ["axis"] = -1L });
        return builder.ToBytes();
    }

    /// <summary>The reference for <see cref="SoftmaxClassifier"/>.</summary>
    public static float[] SoftmaxClassifierReference(float[] x, int batch)
    {
        var result = new float[batch * 4];
        for (var r = 0; r < batch; r++)
        {
            var logits = new double[4];
            for (var c = 0; c < 4; c++)
            {
                double sum = Bias[c];
                for (var k = 0; k < 3; k++)
                {
                    sum += x[(r * 3) + k] * Weights[(k * 4) + c];
                }

                logits[c] = sum;
            }

            var max = logits.Max();
            var total = logits.Sum(l => Math.Exp(l - max));
            for (var c = 0; c < 4; c++)
            {
                result[(r * 4) + c] = (float)(Math.Exp(logits[c] - max) / total);
            }
        }

        return result;
    }

    /// <summary>
    /// masked[batch, seq] = Where(mask, ids, -1) (int64 ids, bool mask) and
    /// shifted[batch, seq] = Cast&lt;int64&gt;(offsets(int32) + 1000).
    /// </summary>
    public static byte[] IntegerAndBoolModel()
    {
        var builder = new OnnxGraphBuilder("integers");
        builder.AddInput("ids", OnnxElementType.Int64, "batch", "seq");
        builder.AddInput("mask", OnnxElementType.Bool, "batch", "seq");
        builder.AddInput("offsets", OnnxElementType.Int32, "batch", "seq");
        builder.AddOutput("masked", OnnxElementType.Int64, "batch", "seq");
        builder.AddOutput("shifted", OnnxElementType.Int64, "batch", "seq");
        builder.AddInitializer("fill", new long[] { -1 });
        builder.AddInitializer("thousand", new int[] { 1000 }, 1);
        builder.AddNode("Where", ["mask", "ids", "fill"], ["masked"]);
        builder.AddNode("Add", ["offsets", "thousand"], ["offsets_plus"]);
        builder.AddNode("Cast", ["offsets_plus"], ["shifted"], new Dictionary<string, object> { ["to"] = (long)OnnxElementType.Int64 });
        return builder.ToBytes();
    }

    /// <summary>y[n] = x[n] * 2 (float), the smallest useful model for loops.</summary>
    public static byte[] Doubler()
    {
        var builder = new OnnxGraphBuilder("doubler");
        builder.AddInput("x", OnnxElementType.Float, "n");
        builder.AddOutput("y", OnnxElementType.Float, "n");
        builder.AddInitializer("two", new float[] { 2f });
        builder.AddNode("Mul", ["x", "two"], ["y"]);
        return builder.ToBytes();
    }
}
