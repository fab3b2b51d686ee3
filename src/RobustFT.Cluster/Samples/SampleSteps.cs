namespace RobustFT.Cluster.Samples;

/// <summary>Names of the inference steps, used in requests, cache keys and seeds.</summary>
public static class SampleSteps
{
    public const string Base = "base";
    public const string Reasoning = "reasoning";
    public const string Checker = "checker";
    public const string Context = "context";
    public const string Review = "review";

    /// <summary>Step name of reasoning round <paramref name="round"/> (1-based).</summary>
    public static string ReasoningRound(int round) => round == 1 ? Reasoning : $"{Reasoning}-{round}";

    public static bool IsReasoning(string step) => step == Reasoning || step.StartsWith(Reasoning + "-", StringComparison.Ordinal);
}
