using RobustFT.Cli.Configuration;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Backends;
using RobustFT.Inference.OpenAi;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Cli.Backends;

/// <summary>The product's backends, chosen by configuration: the generator by <c>robustft.inference.backend</c>, the
/// encoder by <c>robustft.inference.encoder.backend</c>, each <c>onnx</c> (ONNX Runtime over an export directory) or
/// <c>openai</c> (an OpenAI-compatible server, <c>robustft.inference.openai.*</c>). Both on ONNX is
/// <see cref="OnnxBackendProvider"/> unchanged.</summary>
public sealed class ConfiguredBackendProvider(OnnxBackendProvider onnx) : IBackendProvider
{
    public const string GeneratorBackendKey = "robustft.inference.backend";
    public const string EncoderBackendKey = "robustft.inference.encoder.backend";

    public ConfiguredBackendProvider() : this(new OnnxBackendProvider())
    {
    }

    public ModelBackends Create(RobustFtConfig config)
    {
        var (generator, encoder) = (Backend(config, GeneratorBackendKey), Backend(config, EncoderBackendKey));
        return !generator && !encoder ? onnx.Create(config) : Mixed(config, generator, encoder, session: null);
    }

    /// <summary>Both on ONNX: one model set per configured device (<see cref="OnnxBackendProvider.PerDevice"/>). The
    /// generator on a server: one device, "openai" (the server is the device; an ONNX encoder runs beside it on the first
    /// configured device). Only the encoder on a server: an ONNX generator per device, each with its own client.</summary>
    public NodeBackends CreateNode(RobustFtConfig config)
    {
        var (generator, encoder) = (Backend(config, GeneratorBackendKey), Backend(config, EncoderBackendKey));
        if (!generator && !encoder) return onnx.CreateNode(config);
        if (generator) return NodeBackends.Open(["openai"], name => name, _ => Create(config));
        return OnnxBackendProvider.PerDevice(config, session => Mixed(config, generator, encoder, session));
    }

    /// <summary>One model set with at least one model on the server; the ONNX one on <paramref name="session"/> (null:
    /// the configured session, read only when an ONNX model is loaded).</summary>
    private static ModelBackends Mixed(RobustFtConfig config, bool generator, bool encoder, SessionConfig? session)
    {
        var client = Client(config);
        ILanguageModel? languageModel = null;
        try
        {
            // The server's client is shared; the OpenAI generator owns it, else the OpenAI encoder.
            languageModel = generator ? new OpenAiLanguageModel(client, OpenAiSettings.Model(config), ownsClient: true) : OnnxGenerator(config, session ?? OnnxBackendProvider.Session(config));
            IEmbedder embedder = encoder ? new OpenAiEmbedder(client, EncoderModel(config), config.Worker().MaxBatchSize, ownsClient: !generator) : OnnxEncoder(config, session ?? OnnxBackendProvider.Session(config));
            return new ModelBackends(languageModel, embedder);
        }
        catch
        {
            (languageModel as IDisposable)?.Dispose();
            client.Dispose();
            throw;
        }
    }

    public ILanguageModel CreateGenerator(RobustFtConfig config)
    {
        if (!Backend(config, GeneratorBackendKey)) return OnnxGenerator(config, OnnxBackendProvider.Session(config));
        return new OpenAiLanguageModel(Client(config), OpenAiSettings.Model(config));
    }

    public (string Generator, string Encoder) ModelIds(RobustFtConfig config)
    {
        var (generator, encoder) = (Backend(config, GeneratorBackendKey), Backend(config, EncoderBackendKey));
        if (!generator && !encoder) return onnx.ModelIds(config);
        var baseUrl = OpenAiSettings.Read(config).BaseUrlText;
        return (generator ? $"openai:{baseUrl}#{OpenAiSettings.Model(config)}" : OnnxModelId(config, OnnxBackendProvider.GeneratorKey, ModelFiles.DecoderCandidates),
            encoder ? $"openai:{baseUrl}#{EncoderModel(config)}" : OnnxModelId(config, OnnxBackendProvider.EncoderKey, ModelFiles.EncoderCandidates));
    }

    /// <summary>True for <c>openai</c>, false for <c>onnx</c>.</summary>
    private static bool Backend(RobustFtConfig config, string key) => config.Reader.Text(key).ToLowerInvariant() switch
    {
        "onnx" => false,
        "openai" => true,
        var other => throw new UsageException($"configuration key {key}: '{other}' is not one of onnx, openai"),
    };

    /// <summary>A client for the configured server, checked to answer and to accept the key.</summary>
    private static OpenAiClient Client(RobustFtConfig config)
    {
        var client = new OpenAiClient(OpenAiSettings.Read(config));
        try
        {
            OpenAiSettings.Check(client);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static string EncoderModel(RobustFtConfig config) =>
        config.Reader.String(OnnxBackendProvider.EncoderKey) is { Length: > 0 } model ? model
            : throw new UsageException($"configuration key {OnnxBackendProvider.EncoderKey} is empty: with {EncoderBackendKey} = openai set it to the served embedding model's name");

    // One backend on ONNX, the other on a server: the ONNX model alone, loaded like OnnxBackendProvider loads it.

    private static OnnxLanguageModel OnnxGenerator(RobustFtConfig config, SessionConfig session) => LoadOnnx(config, OnnxBackendProvider.GeneratorKey, dir =>
        OnnxBackendProvider.OpenWith(session, s => OnnxBackendProvider.LoadGenerator(config, dir, s)));

    private static OnnxEmbedder OnnxEncoder(RobustFtConfig config, SessionConfig session) => LoadOnnx(config, OnnxBackendProvider.EncoderKey, dir =>
        OnnxBackendProvider.OpenWith(session, s => OnnxBackendProvider.LoadEncoder(config, dir, s)));

    private static T LoadOnnx<T>(RobustFtConfig config, string key, Func<string, T> load)
    {
        var dir = OnnxDirectory(config, key);
        try
        {
            return load(dir);
        }
        catch (Exception e) when (OnnxBackendProvider.IsModelLoadError(e))
        {
            throw new UsageException($"configuration key {key}: cannot load the model: {e.Message}", e);
        }
    }

    private static string OnnxModelId(RobustFtConfig config, string key, IReadOnlyList<string> candidates)
    {
        try
        {
            return ModelFiles.ModelId(ModelFiles.Find(OnnxDirectory(config, key), candidates));
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException($"configuration key {key}: cannot identify the model: {e.Message}", e);
        }
    }

    private static string OnnxDirectory(RobustFtConfig config, string key) => config.Reader.String(key) switch
    {
        { Length: > 0 } dir when Directory.Exists(dir) => dir,
        { Length: > 0 } dir => throw new UsageException($"configuration key {key}: model directory '{dir}' not found"),
        _ => throw new UsageException($"configuration key {key} is empty: set it to an ONNX export directory (docs/models.md)"),
    };
}
