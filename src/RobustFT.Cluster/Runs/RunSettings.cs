using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;

namespace RobustFT.Cluster.Runs;

/// <summary>Everything that determines a run's result, persisted with the run so that a resumed run (or another node)
/// uses exactly the same settings.</summary>
public sealed record RunSettings(
    string RunId,
    string InputPath,
    string InputSha256,
    string OutputDirectory,
    TaskProfile Task,
    MethodOptions Method,
    PromptTemplates Prompts,
    StepBudgets Budgets,
    double Temperature,
    double TopP,
    int TopK,
    string ModelId,
    string EmbedderId,
    string? GoldPath)
{
    /// <summary>The parts that must match when a run is resumed (paths may differ between machines).</summary>
    public string Fingerprint() =>
        string.Join('|', InputSha256, Task, Method, Prompts, Budgets, Temperature, TopP, TopK, ModelId, EmbedderId);
}
