namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>A temporary directory for model files written by the ONNX Runtime tests. Use it via
/// <c>[Collection(OnnxRuntimeCollection.Name)]</c> and a constructor parameter, or through <see cref="Shared"/>.</summary>
public sealed class OnnxRuntimeFixture : IDisposable
{
    private static readonly Lazy<OnnxRuntimeFixture> SharedInstance = new(() => new OnnxRuntimeFixture());

    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("robustft-onnx-tests-").FullName;

    /// <summary>One fixture for tests outside the collection.</summary>
    public static OnnxRuntimeFixture Shared => SharedInstance.Value;

    /// <summary>A fresh file path in a temporary directory removed when the fixture is disposed.</summary>
    public string TempPath(string fileName) => Path.Combine(_tempDirectory, $"{Guid.NewGuid():N}-{fileName}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
