namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>How to open an <see cref="OrtSession"/>.</summary>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ORT's default (one per core).</param>
/// <param name="InterOpThreads">Threads across operators; 0 = ORT's default.</param>
/// <param name="GraphOptimizationLevel">Graph rewrites applied when the model loads.</param>
/// <param name="ExecutionProvider">"cpu" or "cuda".</param>
/// <param name="DeviceId">CUDA device id (ignored for "cpu").</param>
public sealed record SessionConfig(
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    GraphOptimizationLevel GraphOptimizationLevel = GraphOptimizationLevel.All,
    string ExecutionProvider = SessionConfig.Cpu,
    int DeviceId = 0)
{
    /// <summary>The CPU execution provider name.</summary>
    public const string Cpu = "cpu";

    /// <summary>The CUDA execution provider name.</summary>
    public const string Cuda = "cuda";

    /// <summary>CPU, ORT's default thread counts, all optimisations.</summary>
    public static SessionConfig Default { get; } = new();
}
