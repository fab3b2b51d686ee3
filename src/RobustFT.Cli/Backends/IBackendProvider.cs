using RobustFT.Cli.Configuration;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cli.Backends;

/// <summary>Creates the model backends from configuration. The product's provider is <see cref="ConfiguredBackendProvider"/>
/// (ONNX or an OpenAI-compatible server); tests plug in others.</summary>
public interface IBackendProvider
{
    /// <summary>One model set (on the first configured device).</summary>
    ModelBackends Create(RobustFtConfig config);

    /// <summary>A GPU node's models, one set per device, each served by a GPU worker of its own. By default one device,
    /// <see cref="Create"/>'s models, named after <see cref="RobustFtConfig.Provider"/>.</summary>
    NodeBackends CreateNode(RobustFtConfig config) => NodeBackends.Open([config.Provider()], name => name, _ => Create(config));

    /// <summary>The generator alone (<c>robustft evaluate</c> needs no encoder). By default the generator of
    /// <see cref="Create"/>, whose encoder is disposed.</summary>
    ILanguageModel CreateGenerator(RobustFtConfig config)
    {
        var models = Create(config);
        if (models.Encoder is IAsyncDisposable a) a.DisposeAsync().AsTask().GetAwaiter().GetResult();
        else (models.Encoder as IDisposable)?.Dispose();
        return models.Generator;
    }

    /// <summary>The ids <see cref="Create"/>'s models would have, without loading them: <c>robustft submit</c> records
    /// them in the run's settings on a machine that may have no GPU.</summary>
    (string Generator, string Encoder) ModelIds(RobustFtConfig config);
}
