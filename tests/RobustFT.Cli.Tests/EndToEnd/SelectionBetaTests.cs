using System.Globalization;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>Entropy selection with a β other than the default, through the real CLI: the threshold is the β-quantile of
/// the relabeled samples' entropies as samples.csv prints them, and exactly those strictly below it are kept.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SelectionBetaTests
{
    [Fact]
    public async Task With_beta_0_3_the_threshold_is_the_30th_percentile_and_only_samples_below_it_are_kept()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var result = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(5),
            ScriptedRun.Args(SharedData.File("arc", "noisy30.csv"), "arc", dir.Path, gold, "--set", "robustft.method.beta=0.3"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(dir.File(RunReport.FileName)));

        using var reader = new StreamReader(dir.File(TrainingExporter.SamplesFileName));
        var rows = new CsvParser(reader).Records().ToList();
        var header = rows[0].Fields.ToList();
        string Cell(CsvRecord r, string column) => r.Fields[header.IndexOf(column)];
        var ranked = rows.Skip(1).Where(r => Cell(r, "rank") != "").ToList();
        var entropies = ranked.Select(r => double.Parse(Cell(r, "entropy"), CultureInfo.InvariantCulture)).Order().ToArray();

        // NumPy's default percentile (linear interpolation), computed here from the printed entropies.
        var position = 0.3 * (entropies.Length - 1);
        var lower = (int)Math.Floor(position);
        var threshold = entropies[lower] + (entropies[Math.Min(lower + 1, entropies.Length - 1)] - entropies[lower]) * (position - lower);
        var kept = ranked.Where(r => Cell(r, "selected") == "true").ToList();

        Assert.Equal(0.3, report.Method!.Beta);
        Assert.Equal(report.Relabeled + report.Unlabeled, ranked.Count);
        Assert.Equal(threshold, report.Threshold!.Value, 9);
        Assert.Equal(entropies.Count(e => e < threshold), kept.Count);
        Assert.All(kept, r => Assert.True(double.Parse(Cell(r, "entropy"), CultureInfo.InvariantCulture) < threshold));
        Assert.Equal(kept.Count, report.Selected);
        Assert.InRange(kept.Count, (int)(0.3 * ranked.Count) - 2, (int)Math.Ceiling(0.3 * ranked.Count));
        Assert.Equal(report.Clean + report.Selected, report.Exported);
        Assert.Equal(Enumerable.Range(1, ranked.Count), ranked.Select(r => int.Parse(Cell(r, "rank"), CultureInfo.InvariantCulture)).Order());
    }
}
