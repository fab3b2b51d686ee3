using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>A snapshot of a run: phase, samples per state, how many are finished.</summary>
public sealed record RunProgress(string RunId, RunPhase Phase, int Total, IReadOnlyDictionary<string, int> States, bool Paused, double? Threshold)
{
    public int Finished => SampleStates.Terminal.Sum(s => States.GetValueOrDefault(s));
    public int Started => States.Values.Sum();
    public double Fraction => Total == 0 ? 1 : (double)Finished / Total;
}
