namespace RobustFT.Cluster.Samples;

/// <summary>Names of the inference steps, used in requests, cache keys and seeds.</summary>
public static class SampleSteps
{
    public const string Base = "base";
    public const string Reasoning = "reasoning";
    public const string Checker = "checker";
    public const string Context = "context";
    public const string Review = "review";

    // Steps that are not generations, named for the lineage view's list of skipped steps.
    public const string Embed = "embed";
    public const string Retrieve = "retrieve";
    public const string Select = "select";

    /// <summary>Step name of reasoning round <paramref name="round"/> (1-based).</summary>
    public static string ReasoningRound(int round) => round == 1 ? Reasoning : $"{Reasoning}-{round}";

    /// <summary>The steps a run with these ablations skips, in pipeline order (none for the full method).</summary>
    public static IReadOnlyList<string> Skipped(Core.Method.Ablations ablations)
    {
        var skipped = new List<string>();
        if (ablations.NoReasoning) skipped.Add(Reasoning);
        if (!ablations.Retrieves) skipped.AddRange([Embed, Retrieve]);
        if (!ablations.Relabels) skipped.Add(Context);
        if (!ablations.Reviews) skipped.Add(Review);
        if (!ablations.Selects) skipped.Add(Select);
        return skipped;
    }

    public static bool IsReasoning(string step) => step == Reasoning || step.StartsWith(Reasoning + "-", StringComparison.Ordinal);
}
