using RobustFT.Cluster.Runs;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Support;

/// <summary>Run settings for tests: the arc task profile, the shipped method, prompts and budgets, model ids "m" and "e".</summary>
public static class TestRunSettings
{
    public static RunSettings Create(string runId, MethodOptions? method = null, string? outputDirectory = null, PromptTemplates? prompts = null) => new(
        runId,
        InputPath: "input.csv",
        InputSha256: "0000",
        OutputDirectory: outputDirectory ?? Path.Combine(Path.GetTempPath(), "robustft-tests", runId),
        Task: TaskProfiles.Resolve("arc"),
        Method: method ?? ShippedDefaults.Config.Method(),
        Prompts: prompts ?? ShippedDefaults.Config.Prompts(),
        Budgets: ShippedDefaults.Config.Budgets(),
        Temperature: 0,
        TopP: 1,
        TopK: 0,
        ModelId: "m",
        EmbedderId: "e",
        GoldPath: null);
}
