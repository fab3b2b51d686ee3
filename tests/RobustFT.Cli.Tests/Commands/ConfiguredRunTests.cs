using System.Text.Json;
using RobustFT.Cli.Tests.EndToEnd;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>User-defined task profiles and prompt templates from configuration reach the run, and
/// <c>status --json</c> reports the finished run from its store.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfiguredRunTests
{
    [Fact]
    public async Task A_task_and_prompt_defined_in_hocon_are_used_and_status_json_reports_the_run()
    {
        using var dir = new TempDir();
        var demo = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "30", "--output", dir.Path);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var config = dir.File("my.conf");
        await File.WriteAllTextAsync(config, """
            include "robustft.conf"
            robustft {
              tasks = [ { name = unit-quiz, kind = multiple-choice, question-type = "unit conversion quiz", instruction = "Reply with one capital letter." } ]
              prompts.vanilla = "QUIZ ({question_type}) {instruction}\n{question}\n{options}"
            }
            """);
        var output = dir.File("out");

        var run = await ScriptedRun.Host(dir.File("gold.csv")).RunAsync(TimeSpan.FromMinutes(3),
            "run", "--config", config, "--input", dir.File("noisy.csv"), "--task", "unit-quiz", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        using (var alpaca = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, TrainingExporter.AlpacaFileName))))
        {
            var first = alpaca.RootElement[0].GetProperty("instruction").GetString()!;
            Assert.StartsWith("QUIZ (unit conversion quiz) Reply with one capital letter.", first);
        }

        var status = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "status", "--output", output, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var doc = JsonDocument.Parse(status.Stdout);
        var only = Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray());
        var summary = only.GetProperty("run");
        Assert.Equal("Completed", summary.GetProperty("phase").GetString());
        Assert.Equal("unit-quiz", summary.GetProperty("task").GetString());
        Assert.Equal(30, summary.GetProperty("samples").GetInt32());
        Assert.Equal(30, summary.GetProperty("finished").GetInt32());
        Assert.Equal(30, only.GetProperty("states").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("nodes").ValueKind);
    }

    [Fact]
    public async Task Tokenize_prints_one_json_array_of_ids_per_input_line()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.Path);
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        using var process = cli.Start("tokenize", "--tokenizer", dir.File("decoder"));
        await process.StandardInput.WriteLineAsync("hello world");
        await process.StandardInput.WriteLineAsync("");
        await process.StandardInput.WriteLineAsync("Answer: B");
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var first = JsonSerializer.Deserialize<int[]>(lines[0])!;
        Assert.NotEmpty(first);
        Assert.Empty(JsonSerializer.Deserialize<int[]>(lines[1])!);
        var tokenizer = RobustFT.Inference.Tokenization.HfTokenizer.Load(dir.File("decoder"));
        Assert.Equal(tokenizer.Encode("hello world"), first);
        Assert.Equal("Answer: B", tokenizer.Decode(JsonSerializer.Deserialize<int[]>(lines[2])!));
    }
}
