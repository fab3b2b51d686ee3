using Microsoft.ML.OnnxRuntime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>The outputs of one test run, by position or by name; disposing it disposes them.</summary>
internal sealed class NamedOutputs(IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values) : IDisposable
{
    public IReadOnlyList<string> Names => names;

    public OrtValue this[int index] => values[index];

    public OrtValue this[string name] => values[names.ToList().IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException(name)];

    public void Dispose() => values.Dispose();
}
