namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>Tests that need the native ONNX Runtime share one <see cref="OnnxRuntimeFixture"/>. The collection runs with
/// no other test class beside it: its memory tests measure the process's resident memory, which a tokenizer golden test
/// loading llama3.1's tokenizer.json in parallel grows by about 90 MB.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OnnxRuntimeCollection : ICollectionFixture<OnnxRuntimeFixture>
{
    public const string Name = "OnnxRuntime";
}
