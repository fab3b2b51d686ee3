using System.Text.Json;
using RobustFT.Cli.Tests.EndToEnd;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>Bad input: malformed rows go to rejects.jsonl with their line and the run goes on; unusable input or
/// options end with exit code 2 and a message naming the option.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BadInputTests
{
    private const string Header = "id,question,answer,options";

    [Fact]
    public async Task Each_malformed_row_is_rejected_with_its_line_and_the_run_completes()
    {
        using var dir = new TempDir();
        var input = dir.File("mixed.csv");
        await File.WriteAllLinesAsync(input,
        [
            Header,
            "q1,What is 2 + 2?,B,\"[\"\"3\"\", \"\"4\"\", \"\"5\"\"]\"",      // line 2: good
            "q2,What is 3 + 3?,A,\"[\"\"6\"\", \"\"7\"\"\"",                     // line 3: options not JSON
            "q3,,A,\"[\"\"1\"\", \"\"2\"\"]\"",                                   // line 4: no question
            "q4,What is 1 + 1?,,\"[\"\"2\"\", \"\"3\"\"]\"",                      // line 5: no answer
            "q5,What is 5 + 5?,E,\"[\"\"10\"\", \"\"11\"\"]\"",                   // line 6: answer is not an option letter
            "q1,What is 9 + 9?,A,\"[\"\"18\"\", \"\"19\"\"]\"",                   // line 7: duplicate id
            "q6,What is 4 + 4?,A,\"[\"\"8\"\", \"\"9\"\", \"\"10\"\"]\"",         // line 8: good
        ]);
        var gold = dir.File("gold.csv");
        await File.WriteAllLinesAsync(gold,
        [
            Header,
            "q1,What is 2 + 2?,B,\"[\"\"3\"\", \"\"4\"\", \"\"5\"\"]\"",
            "q6,What is 4 + 4?,A,\"[\"\"8\"\", \"\"9\"\", \"\"10\"\"]\"",
        ]);
        var output = dir.File("out");

        var result = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(2), ScriptedRun.Args(input, "arc", output, gold));

        Assert.True(result.ExitCode == 0, result.ToString());
        var rejects = File.ReadAllLines(Path.Combine(output, RejectsWriter.FileName))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("line").GetInt32(), r => (Field: r.GetProperty("field").GetString(), Reason: r.GetProperty("reason").GetString()!, File: r.GetProperty("file").GetString()));
        Assert.Equal([3, 4, 5, 6, 7], rejects.Keys.Order());
        Assert.Equal("options", rejects[3].Field);
        Assert.Equal("question", rejects[4].Field);
        Assert.Equal("answer", rejects[5].Field);
        Assert.Equal("answer", rejects[6].Field);
        Assert.Equal("id", rejects[7].Field);
        Assert.Contains("duplicate", rejects[7].Reason);
        Assert.All(rejects.Values, r => Assert.Equal(input, r.File));
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(output, RunReport.FileName)));
        Assert.Equal(2, report.Samples);
        Assert.Equal(5, report.Rejected);
    }

    [Theory]
    [InlineData("--input", "missing")]
    [InlineData("--task", "no-such-task")]
    [InlineData("robustft.method.beta", "beta=0")]
    [InlineData("robustft.method.beta", "beta=1.5")]
    [InlineData("robustft.method.k", "k=0")]
    public async Task Unusable_input_or_options_exit_with_code_2_naming_the_option(string named, string variant)
    {
        using var dir = new TempDir();
        var input = dir.File("in.csv");
        await File.WriteAllLinesAsync(input, [Header, "q1,What is 2 + 2?,B,\"[\"\"3\"\", \"\"4\"\"]\""]);
        var args = new List<string> { "run", "--input", variant == "missing" ? dir.File("nope.csv") : input, "--task", variant == "no-such-task" ? "no-such-task" : "arc", "--output", dir.File("out") };
        if (variant.StartsWith("beta=", StringComparison.Ordinal)) args.AddRange(["--set", "robustft.method.beta=" + variant[5..]]);
        if (variant.StartsWith("k=", StringComparison.Ordinal)) args.AddRange(["--set", "robustft.method.k=" + variant[2..]]);

        var result = await ScriptedRun.Host(input).RunAsync(TimeSpan.FromMinutes(1), args.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
    }

    [Fact]
    public async Task A_required_option_that_is_missing_is_bad_usage()
    {
        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "run", "--task", "arc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--input", result.Stderr);
    }
}
