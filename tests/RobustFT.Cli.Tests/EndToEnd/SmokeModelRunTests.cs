using System.Text.Json;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>The product CLI with its real ONNX backend: the tiny smoke models made by <c>models make-tiny</c> drive
/// every step of a run through ONNX Runtime, the tokenizer and the chat template.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SmokeModelRunTests
{
    [Fact]
    public async Task Run_with_the_tiny_onnx_models_completes_and_records_every_response()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.File("models"));
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        var check = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "check", dir.File("models/decoder"));
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("with-past", check.Stdout);
        var demo = await cli.RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "12", "--output", dir.Path);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var run = await cli.RunAsync(TimeSpan.FromMinutes(5),
            "run", "--config", Path.Combine(CliProcess.RepoRoot, "hocon", "local.conf"), "--task", "arc",
            "--input", dir.File("noisy.csv"), "--gold", dir.File("gold.csv"), "--output", dir.File("out"),
            "--set", $"robustft.inference.generator.model=\"{dir.File("models/decoder")}\"",
            "--set", $"robustft.inference.encoder.model=\"{dir.File("models/encoder")}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = RunReport.FromJson(File.ReadAllText(dir.File("out/report.json")));
        Assert.Equal(12, report.Samples);
        Assert.True(report.InferenceCalls >= 12 * 3, $"expected at least base, reasoning and embedding calls per sample, got {report.InferenceCalls}");
        using var reader = new StreamReader(dir.File("out/" + TrainingExporter.SamplesFileName));
        var rows = new CsvParser(reader).Records().ToList();
        var header = rows[0].Fields.ToList();
        Assert.Equal(12, rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            string Cell(string column) => row.Fields[header.IndexOf(column)];
            var id = Cell("id");
            // Every sample went through detection and the check (the tiny models agree with no label, so none is clean).
            foreach (var column in new[] { "base_response", "reasoning_response", "r", "clean" })
                Assert.False(string.IsNullOrEmpty(Cell(column)), $"{id}: {column} is empty");
            Assert.Equal("false", Cell("clean"));
            // ... then relabeling, review and the entropy ranking, and ended in a state of a ranked sample.
            foreach (var column in new[] { "context_response", "entropy", "review_response", "rank", "selected" })
                Assert.False(string.IsNullOrEmpty(Cell(column)), $"{id}: {column} is empty");
            Assert.Contains(Cell("state"), new[] { "Selected", "Dropped", "Unlabeled" });
            Assert.Equal("", Cell("fault"));
            Assert.Equal(Cell("state") == "Unlabeled", Cell("unlabeled_reason") != "");
            Assert.Equal(Cell("state") == "Selected", Cell("final_label") != "" && Cell("selected") == "true");
            // No clean sample, so an empty clean index: nothing retrieved.
            Assert.Equal("", Cell("neighbours"));
        }
        Assert.Equal(12, report.Noisy);
        Assert.Equal(12, report.Relabeled + report.Unlabeled);
        Assert.Equal(0, report.Faulted);

        // status counts Unlabeled on its own, as report.json does.
        var statusJson = await cli.RunAsync(TimeSpan.FromMinutes(1), "status", "--output", dir.File("out"), "--json");
        Assert.True(statusJson.ExitCode == 0, statusJson.ToString());
        var states = JsonDocument.Parse(statusJson.Stdout).RootElement.GetProperty("runs")[0].GetProperty("states").EnumerateArray()
            .ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(report.Unlabeled, states["Unlabeled"]);
        Assert.Equal(0, states["Faulted"]);
    }
}
