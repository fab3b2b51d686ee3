using Microsoft.ML.OnnxRuntime;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>Test shorthand over <see cref="OnnxSession.Run"/>: named inputs in, named outputs out.</summary>
internal static class OnnxTestRuns
{
    /// <summary>A tensor over <paramref name="data"/> (no copy).</summary>
    public static OrtValue Tensor<T>(T[] data, params long[] shape) where T : unmanaged => OrtValue.CreateTensorValueFromMemory(data, shape);

    public static NamedOutputs Run(this OnnxSession session, IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string>? outputs = null)
    {
        var names = outputs ?? session.Outputs.Select(o => o.Name).ToArray();
        return new NamedOutputs(names, session.Run(inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), names.ToArray()));
    }

    public static T[] ToArray<T>(this OrtValue value) where T : unmanaged => value.GetTensorDataAsSpan<T>().ToArray();

    public static long[] Shape(this OrtValue value) => value.GetTensorTypeAndShape().Shape;
}
