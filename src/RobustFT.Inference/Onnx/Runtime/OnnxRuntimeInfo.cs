using Microsoft.ML.OnnxRuntime;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>What the loaded ONNX Runtime native library offers.</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>ORT's version string, e.g. "1.31.0".</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>Execution providers compiled into the library, e.g. "CPUExecutionProvider", "CUDAExecutionProvider"
    /// (a listed provider may still fail to load when its libraries are missing).</summary>
    public static IReadOnlyList<string> AvailableProviders => OrtEnv.Instance().GetAvailableProviders();
}
