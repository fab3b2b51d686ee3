using RobustFT.Inference.Backends;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.TinyModels;

/// <summary>The tiny models exported once per test run (seed 1234) into a temporary directory: <c>decoder/</c> (with
/// KV cache), <c>decoder-nopast/</c>, <c>encoder/</c> and <c>encoder-pooled/</c>, plus open ORT decoder steps over both decoders.</summary>
public sealed class TinyModelsFixture : IDisposable
{
    private static readonly Lazy<TinyModelsFixture> SharedInstance = new(() => new TinyModelsFixture());

    private TinyModelsFixture()
    {
        Root = Directory.CreateTempSubdirectory("robustft-tiny-").FullName;
        TinyModelExporter.Write(Root);
        TinyModelExporter.WriteDecoder(NoPastDirectory, withPast: false);
        TinyModelExporter.WriteEncoder(PooledEncoderDirectory, sentenceEmbedding: true);
        CachedStep = OnnxDecoderStep.Open(Path.Combine(DecoderDirectory, TinyModelExporter.ModelFileName), Config);
        NoCacheStep = OnnxDecoderStep.Open(Path.Combine(NoPastDirectory, TinyModelExporter.ModelFileName), Config);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static TinyModelsFixture Shared => SharedInstance.Value;

    public static SessionConfig Config { get; } = new(IntraOpThreads: 1);

    public string Root { get; }

    public string DecoderDirectory => Path.Combine(Root, "decoder");

    public string NoPastDirectory => Path.Combine(Root, "decoder-nopast");

    public string EncoderDirectory => Path.Combine(Root, "encoder");

    /// <summary>The same encoder with a <c>sentence_embedding</c> output.</summary>
    public string PooledEncoderDirectory => Path.Combine(Root, "encoder-pooled");

    public OnnxDecoderStep CachedStep { get; }

    public OnnxDecoderStep NoCacheStep { get; }

    public void Dispose()
    {
        CachedStep.Dispose();
        NoCacheStep.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the directory is in the temp folder
        }
    }
}
