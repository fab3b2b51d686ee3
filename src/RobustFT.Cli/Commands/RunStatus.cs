using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cli.Commands;

/// <summary>One run's numbers as <c>status --json</c> prints them.</summary>
public sealed record RunStatus(
    string RunId, string Task, string Phase, int Samples, int Rejected, int Finished, bool Paused, double? Threshold,
    IReadOnlyDictionary<string, int> States, long InferenceCalls, long CacheHits, string Output)
{
    public static RunStatus From(RunRecord run, IReadOnlyDictionary<string, int> states, InferenceTotals totals) => new(
        run.RunId, run.Settings.Task.Name, run.Phase.ToString(), run.Samples, run.Rejected,
        SampleStates.Terminal.Sum(s => states.GetValueOrDefault(s)), run.Paused, run.Threshold,
        SampleStates.All.Where(states.ContainsKey).ToDictionary(s => s, s => states[s]),
        totals.Calls, totals.CacheHits, run.Settings.OutputDirectory);
}
