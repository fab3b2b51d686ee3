using Microsoft.ML.OnnxRuntime;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>Turns a <see cref="SessionConfig"/> into ORT <see cref="SessionOptions"/>: threads, graph optimisation and
/// the execution provider ("cuda" appends the CUDA provider, whose failure to load is an
/// <see cref="ExecutionProviderUnavailableException"/> carrying ORT's message).</summary>
internal static class SessionOptionsFactory
{
    public static SessionOptions Create(SessionConfig config)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = config.IntraOpThreads,
            InterOpNumThreads = config.InterOpThreads,
            GraphOptimizationLevel = (Microsoft.ML.OnnxRuntime.GraphOptimizationLevel)(int)config.GraphOptimizationLevel,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            switch (config.ExecutionProvider.ToLowerInvariant())
            {
                case SessionConfig.Cpu:
                    break;
                case SessionConfig.Cuda:
                    try
                    {
                        options.AppendExecutionProvider_CUDA(config.DeviceId);
                    }
                    catch (OnnxRuntimeException e)
                    {
                        throw new ExecutionProviderUnavailableException(
                            $"the CUDA execution provider (device {config.DeviceId}) cannot be loaded: {e.Message}", e);
                    }
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown execution provider '{config.ExecutionProvider}' (expected '{SessionConfig.Cpu}' or '{SessionConfig.Cuda}').", nameof(config));
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
