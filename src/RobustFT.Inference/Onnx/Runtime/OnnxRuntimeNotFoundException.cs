namespace RobustFT.Inference.Onnx.Runtime;

/// <summary><c>libonnxruntime.so.1</c> could not be loaded from any of the paths tried.</summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException(IReadOnlyList<string> pathsTried, IReadOnlyList<string> failures)
        : base(BuildMessage(pathsTried, failures))
    {
        PathsTried = pathsTried;
    }

    /// <summary>Every library path (or bare name for the default search path) that was tried, in order.</summary>
    public IReadOnlyList<string> PathsTried { get; }

    private static string BuildMessage(IReadOnlyList<string> pathsTried, IReadOnlyList<string> failures)
    {
        var lines = pathsTried.Select((p, i) => $"  - {p}: {(i < failures.Count ? failures[i] : "not tried")}");
        return "ONNX Runtime native library (libonnxruntime.so.1, 1.30.0) not found. Tried:" + Environment.NewLine
            + string.Join(Environment.NewLine, lines) + Environment.NewLine
            + "Fetch it with `scripts/fetch-onnxruntime.sh` (downloads the npm package onnxruntime-node@1.30.0 into "
            + ".tools/onnxruntime/1.30.0/), or point the environment variable "
            + $"{Native.OrtLibraryLocator.EnvironmentVariable} or the setting robustft.inference.onnxruntime-library "
            + "at an existing libonnxruntime.so.1.";
    }
}
