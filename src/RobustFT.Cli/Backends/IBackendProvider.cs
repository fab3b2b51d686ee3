using RobustFT.Cli.Configuration;

namespace RobustFT.Cli.Backends;

/// <summary>Creates the model backends from configuration. The product's provider is ONNX; tests plug in others.</summary>
public interface IBackendProvider
{
    ModelBackends Create(RobustFtConfig config);
}
