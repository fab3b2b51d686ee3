namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>Tests that need the native ONNX Runtime share one <see cref="OnnxRuntimeFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OnnxRuntimeCollection : ICollectionFixture<OnnxRuntimeFixture>
{
    public const string Name = "OnnxRuntime";
}
