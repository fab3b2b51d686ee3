using RobustFT.Cli.Configuration;

namespace RobustFT.Cli.Backends;

/// <summary>Creates the model backends from configuration. The product's provider is ONNX; tests plug in others.</summary>
public interface IBackendProvider
{
    ModelBackends Create(RobustFtConfig config);

    /// <summary>The ids <see cref="Create"/>'s models would have, without loading them: <c>robustft submit</c> records
    /// them in the run's settings on a machine that may have no GPU.</summary>
    (string Generator, string Encoder) ModelIds(RobustFtConfig config);
}
