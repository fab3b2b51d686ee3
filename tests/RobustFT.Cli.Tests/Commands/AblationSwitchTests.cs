using System.Text.Json;
using RobustFT.Cli.Tests.EndToEnd;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>The ablation keys reach a run through the command line and show in report.json under <c>method</c>.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AblationSwitchTests
{
    [Fact]
    public async Task Ablation_keys_set_on_the_command_line_skip_review_and_selection_and_show_in_the_report()
    {
        using var dir = new TempDir();
        var input = await ScriptedRun.ArcSliceAsync(dir.File("arc100.csv"), 100);
        var gold = SharedData.File("arc", "labeled.csv");

        var run = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(3), ScriptedRun.Args(input, "arc", dir.Path, gold,
            "--set", "robustft.method.ablations.no-review=true", "--set", "robustft.method.ablations.no-selection=on"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = await File.ReadAllTextAsync(dir.File(RunReport.FileName));
        using (var document = JsonDocument.Parse(json))
        {
            var ablations = document.RootElement.GetProperty("method").GetProperty("ablations");
            Assert.Equal((true, true, false, false, false), (ablations.GetProperty("noReview").GetBoolean(), ablations.GetProperty("noSelection").GetBoolean(),
                ablations.GetProperty("noReasoning").GetBoolean(), ablations.GetProperty("noContext").GetBoolean(), ablations.GetProperty("noRelabeling").GetBoolean()));
            Assert.Equal("BothAgree", document.RootElement.GetProperty("method").GetProperty("checker").GetString());
        }
        var report = RunReport.FromJson(json);
        Assert.Null(report.Threshold);
        Assert.True(report.Relabeled > 0);
        Assert.Equal(report.Clean + report.Relabeled, report.Exported);

        using var reader = new StreamReader(dir.File(TrainingExporter.SamplesFileName));
        var rows = new CsvParser(reader).Records().ToList();
        var header = rows[0].Fields.ToList();
        Assert.All(rows.Skip(1), r => Assert.Equal(("", ""), (r.Fields[header.IndexOf("review_response")], r.Fields[header.IndexOf("rank")])));
    }

    [Fact]
    public async Task An_ablation_key_that_is_not_a_boolean_is_refused_naming_the_key()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");

        var run = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(1), ScriptedRun.Args(SharedData.File("arc", "noisy30.csv"), "arc", dir.Path, gold,
            "--set", "robustft.method.ablations.no-context=maybe"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("robustft.method.ablations.no-context", run.Stderr);
    }
}
