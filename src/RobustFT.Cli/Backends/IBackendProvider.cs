using RobustFT.Cli.Configuration;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cli.Backends;

/// <summary>Creates the model backends from configuration. The product's provider is <see cref="ConfiguredBackendProvider"/>
/// (ONNX or an OpenAI-compatible server); tests plug in others.</summary>
public interface IBackendProvider
{
    ModelBackends Create(RobustFtConfig config);

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
