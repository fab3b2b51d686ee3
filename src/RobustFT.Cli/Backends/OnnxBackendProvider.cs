using RobustFT.Cli.Configuration;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Cli.Backends;

/// <summary>The product's backend: ONNX Runtime sessions over Optimum-style exports.</summary>
public sealed class OnnxBackendProvider : IBackendProvider
{
    public const string GeneratorKey = "robustft.inference.generator.model";
    public const string EncoderKey = "robustft.inference.encoder.model";
    public const string GraphOptimizationKey = "robustft.inference.graph-optimization";
    public const string ExecutionProviderKey = "robustft.inference.execution-provider";

    public (string Generator, string Encoder) ModelIds(RobustFtConfig config)
    {
        var (generator, encoder) = ModelDirectories(config);
        try
        {
            return (ModelFiles.ModelId(ModelFiles.Find(generator, ModelFiles.DecoderCandidates)),
                ModelFiles.ModelId(ModelFiles.Find(encoder, ModelFiles.EncoderCandidates)));
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException($"cannot identify the models: {e.Message}", e);
        }
    }

    public ModelBackends Create(RobustFtConfig config)
    {
        var directories = ModelDirectories(config);
        return OpenWith(config, session => Load(config, directories, session));
    }

    /// <summary>The generator and encoder on every configured device (<see cref="PerDevice"/>).</summary>
    public NodeBackends CreateNode(RobustFtConfig config)
    {
        var directories = ModelDirectories(config);
        return PerDevice(config, session => Load(config, directories, session));
    }

    /// <summary>One model set per device, each opened by <paramref name="open"/> with that device's session settings:
    /// with the cpu provider one device, "cpu"; with cuda one per <see cref="RobustFtConfig.CudaDeviceIds"/>, "cuda:N",
    /// opened with <see cref="SessionConfig.DeviceId"/> N. A device whose provider cannot load is a usage error
    /// (<see cref="OpenWith{T}"/>); the devices opened before it are disposed.</summary>
    public static NodeBackends PerDevice(RobustFtConfig config, Func<SessionConfig, ModelBackends> open)
    {
        var session = Session(config);
        IReadOnlyList<SessionConfig> devices = session.ExecutionProvider == SessionConfig.Cuda
            ? config.CudaDeviceIds().Select(id => session with { DeviceId = id }).ToList()
            : [session];
        return NodeBackends.Open(devices, DeviceName, device => OpenWith(device, open));
    }

    /// <summary>"cpu", or "cuda:N" for CUDA device N: the name of the device's GPU worker.</summary>
    public static string DeviceName(SessionConfig session) =>
        session.ExecutionProvider == SessionConfig.Cuda ? $"cuda:{session.DeviceId}" : session.ExecutionProvider;

    private static ModelBackends Load(RobustFtConfig config, (string Generator, string Encoder) directories, SessionConfig session)
    {
        try
        {
            return new ModelBackends(LoadGenerator(config, directories.Generator, session), LoadEncoder(config, directories.Encoder, session));
        }
        catch (Exception e) when (IsModelLoadError(e))
        {
            throw new UsageException($"cannot load the models: {e.Message}", e);
        }
    }

    /// <summary>The decoder export in <paramref name="directory"/> with the generator settings of the configuration.</summary>
    public static OnnxLanguageModel LoadGenerator(RobustFtConfig config, string directory, SessionConfig session)
    {
        var r = config.Reader;
        return OnnxLanguageModel.Load(directory, session, r.Text(RobustFT.Inference.Chat.ChatTemplate.ConfigKey),
            maxRunningRows: r.Int("robustft.inference.generator.max-running-rows"), iterationLevel: r.Bool("robustft.inference.generator.iteration-level"));
    }

    /// <summary>The sentence-encoder export in <paramref name="directory"/>, batched as the workers batch.</summary>
    public static OnnxEmbedder LoadEncoder(RobustFtConfig config, string directory, SessionConfig session) =>
        OnnxEmbedder.Load(directory, session, config.Worker().MaxBatchSize);

    /// <summary>An error that means the export cannot be loaded (a usage error), as opposed to an execution provider that
    /// cannot load (<see cref="OpenWith{T}"/> reports that one).</summary>
    public static bool IsModelLoadError(Exception e) =>
        e is ModelLayoutException or TokenizerException or FileNotFoundException or InvalidDataException or NotSupportedException
        || (e is OnnxSessionException && e is not ExecutionProviderUnavailableException);

    /// <summary>Runs <paramref name="open"/> with the configured session settings (<see cref="Session"/>); an execution
    /// provider ONNX Runtime cannot load becomes a usage error (exit 2) naming the key and carrying ORT's message.</summary>
    public static T OpenWith<T>(RobustFtConfig config, Func<SessionConfig, T> open) => OpenWith(Session(config), open);

    /// <summary>Runs <paramref name="open"/> with <paramref name="session"/>, as <see cref="OpenWith{T}(RobustFtConfig, Func{SessionConfig, T})"/>.</summary>
    public static T OpenWith<T>(SessionConfig session, Func<SessionConfig, T> open)
    {
        try
        {
            return open(session);
        }
        catch (ExecutionProviderUnavailableException e)
        {
            throw new UsageException($"configuration key {ExecutionProviderKey} = {session.ExecutionProvider}: {e.Message}", e);
        }
    }

    /// <summary>The configured generator and encoder directories, checked to exist.</summary>
    private static (string Generator, string Encoder) ModelDirectories(RobustFtConfig config)
    {
        var r = config.Reader;
        var backend = r.Text("robustft.inference.backend");
        if (!string.Equals(backend, "onnx", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"configuration key robustft.inference.backend: '{backend}' is not supported (supported: onnx)");
        var generator = r.String(GeneratorKey);
        var encoder = r.String(EncoderKey);
        if (string.IsNullOrWhiteSpace(generator) || string.IsNullOrWhiteSpace(encoder))
            throw new UsageException(
                $"no model configured: set {GeneratorKey} (a decoder export) and {EncoderKey} (a sentence-encoder export), " +
                "e.g. with --set or in your --config file; see docs/models.md");
        foreach (var (key, dir) in new[] { (GeneratorKey, generator), (EncoderKey, encoder) })
            if (!Directory.Exists(dir))
                throw new UsageException($"configuration key {key}: model directory '{dir}' not found (make the smoke models with `robustft models make-tiny --output models/tiny`)");

        return (generator!, encoder!);
    }

    /// <summary>Session settings from <c>robustft.inference.*</c>, on the first configured CUDA device
    /// (<see cref="RobustFtConfig.CudaDeviceIds"/>, checked with every provider).</summary>
    public static SessionConfig Session(RobustFtConfig config)
    {
        var r = config.Reader;
        var provider = config.ExecutionProvider();
        if (provider is not (SessionConfig.Cpu or SessionConfig.Cuda))
            throw new UsageException($"configuration key {ExecutionProviderKey}: '{provider}' is not one of cpu, cuda");
        var optimization = r.Text(GraphOptimizationKey).ToLowerInvariant() switch
        {
            "disable" => GraphOptimizationLevel.Disable,
            "basic" => GraphOptimizationLevel.Basic,
            "extended" => GraphOptimizationLevel.Extended,
            "all" => GraphOptimizationLevel.All,
            var other => throw new UsageException($"configuration key {GraphOptimizationKey}: '{other}' is not one of disable, basic, extended, all"),
        };
        return new SessionConfig(r.Int("robustft.inference.intra-op-threads"), r.Int("robustft.inference.inter-op-threads"), optimization, provider,
            config.CudaDeviceIds()[0]);
    }
}
