using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>The whole method on the real arc and fpb splits, through the real CLI and actor runtime, with scripted
/// experts that are wrong 10% of the time.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BenchmarkSplitTests
{
    [Theory]
    [InlineData("arc", "noisy30.csv", 1778, 533)]
    [InlineData("arc", "noisy50.csv", 1777, 888)]
    [InlineData("arc", "noisy70.csv", 1777, 1243)]
    [InlineData("fpb", "noisy30.csv", 1583, 474)]
    public async Task Run_detects_noise_as_the_expert_error_rate_implies_and_exports_cleaner_labels(string task, string split, int samples, int noisy)
    {
        using var dir = new TempDir();
        var report = await ScriptedRun.RunToEndAsync(task, split, dir.Path);

        Assert.Equal(samples, report.Samples);
        Assert.Equal(0, report.Faulted);
        Assert.Equal(report.Clean + report.Selected, report.Exported);
        Assert.Equal(report.Exported, ScriptedRun.JsonArrayLength(dir.File(TrainingExporter.AlpacaFileName)));
        Assert.Equal(report.Exported, File.ReadLines(dir.File(TrainingExporter.MessagesFileName)).Count());
        Assert.Equal(report.Noisy, report.Relabeled);
        // β = 0.5, strictly below the median: half, less any samples whose rounded entropy ties the median (all dropped;
        // SelectionBetaTests checks the exact rule against samples.csv).
        Assert.InRange(report.Selected, report.Relabeled / 2 - 2, report.Relabeled / 2);

        // A truly clean sample is flagged when either expert errs: 1 − (1 − e)²; a truly noisy one is missed only when
        // both experts make the same mistake as the noise, which is rare.
        var clean = samples - noisy;
        var e = ScriptedRun.ExpertErrorRate;
        var impliedPrecision = noisy / (noisy + clean * (1 - (1 - e) * (1 - e)));
        var detection = report.Detection!;
        Assert.InRange(detection.Recall, 0.98, 1.0);
        Assert.InRange(detection.Precision, impliedPrecision - 0.04, impliedPrecision + 0.04);
        Assert.Equal(noisy, detection.TruePositives + detection.FalseNegatives);

        var accuracy = report.LabelAccuracy!;
        Assert.Equal(1.0 - (double)noisy / samples, accuracy.Input, 3);
        Assert.True(accuracy.Exported > accuracy.Input + 0.1, $"exported label accuracy {accuracy.Exported:P1} should beat the input's {accuracy.Input:P1}");
    }
}
