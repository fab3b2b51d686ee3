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
        var baseResponse = header.IndexOf("base_response");
        var state = header.IndexOf("state");
        Assert.Equal(12, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.False(string.IsNullOrEmpty(r.Fields[baseResponse]), "every sample has a generated base response"));
        Assert.All(rows.Skip(1), r => Assert.Contains(r.Fields[state], new[] { "Clean", "Selected", "Dropped", "Faulted" }));
    }
}
