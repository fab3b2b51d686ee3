using RobustFT.Core.Reports;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>A slice of the shared arc data and one uninterrupted embedded run of it (same seed and method settings as
/// the cluster runs): the exports every interrupted cluster run must reproduce byte for byte.</summary>
/// <param name="RunId">The id the cluster runs of this slice are submitted under.</param>
/// <param name="Input">The slice as CSV.</param>
/// <param name="Output">The embedded run's output directory.</param>
/// <param name="SampleIds">Ids of every input sample, in input order.</param>
public sealed record BaselineRun(string RunId, string Input, string Output, string Gold, IReadOnlyList<string> SampleIds, RunReport Report);
