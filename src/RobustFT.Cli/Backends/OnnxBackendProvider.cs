using RobustFT.Cli.Configuration;

namespace RobustFT.Cli.Backends;

/// <summary>The product's backend: ONNX Runtime sessions over Optimum-style exports.</summary>
public sealed class OnnxBackendProvider : IBackendProvider
{
    public const string GeneratorKey = "robustft.inference.generator.model";
    public const string EncoderKey = "robustft.inference.encoder.model";

    public ModelBackends Create(RobustFtConfig config)
    {
        var r = config.Reader;
        var backend = r.String("robustft.inference.backend", "onnx");
        if (!string.Equals(backend, "onnx", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"configuration key robustft.inference.backend: '{backend}' is not supported (supported: onnx)");
        var generator = r.String(GeneratorKey);
        var encoder = r.String(EncoderKey);
        if (string.IsNullOrWhiteSpace(generator) || string.IsNullOrWhiteSpace(encoder))
            throw new UsageException(
                $"no model configured: set {GeneratorKey} (a decoder export) and {EncoderKey} (a sentence-encoder export), " +
                "e.g. with --set or in your --config file; see docs/models.md");
        throw new UsageException("the ONNX backend is not available in this build yet");
    }
}
