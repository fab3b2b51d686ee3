using System.Text.Json;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.Commands;

/// <summary><c>robustft eval</c> on canonical <c>Answer: X</c> responses gives the reference's verdicts.</summary>
public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_json_scores_canonical_answers_on_the_arc_test_split()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "test.csv");
        var samples = DatasetReader.Read(gold).Samples;
        // Every third response is wrong (the next letter); the rest are right, in several canonical spellings.
        var lines = samples.Select((s, i) =>
        {
            var wrong = i % 3 == 0;
            var letter = wrong ? ((char)('A' + (s.Label[0] - 'A' + 1) % s.Options.Count)).ToString() : s.Label;
            var response = (i % 2) switch { 0 => $"Answer: {letter}", _ => $"Some reasoning first.\nanswer:{letter}" };
            return JsonSerializer.Serialize(new { id = s.Id, response });
        });
        var predictions = dir.File("predictions.jsonl");
        await File.WriteAllLinesAsync(predictions, lines);

        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "eval", "--gold", gold, "--predictions", predictions, "--task", "arc", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(samples.Count, rows.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.Equal(samples[i].Id, rows[i].GetProperty("id").GetString());
            Assert.Equal(i % 3 != 0, rows[i].GetProperty("correct").GetBoolean());
        }
        var expected = (double)Enumerable.Range(0, samples.Count).Count(i => i % 3 != 0) / samples.Count;
        Assert.Equal(expected, doc.RootElement.GetProperty("accuracy").GetDouble(), 9);
    }

    [Fact]
    public async Task Eval_reports_a_malformed_prediction_line_with_its_number()
    {
        using var dir = new TempDir();
        var predictions = dir.File("bad.jsonl");
        await File.WriteAllLinesAsync(predictions, ["{\"id\": \"x\", \"response\": \"Answer: A\"}", "{not json"]);
        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "eval", "--gold", SharedData.File("arc", "test.csv"), "--predictions", predictions, "--task", "arc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Stderr);
    }

    [Fact]
    public async Task Eval_matches_as_the_reference_by_default_and_leniently_with_match_lenient_or_the_config_key()
    {
        using var dir = new TempDir();
        var gold = dir.File("gold.csv");
        await File.WriteAllTextAsync(gold, "id,question,answer,options\n" + string.Concat(
            new[] { ("q1", "A"), ("q2", "B"), ("q3", "C") }.Select(q => $"{q.Item1},Q {q.Item1}?,{q.Item2},\"[\"\"w\"\",\"\"x\"\",\"\"y\"\"]\"\n")));
        var predictions = dir.File("p.jsonl");
        await File.WriteAllLinesAsync(predictions,
            ["{\"id\":\"q1\",\"response\":\"Answer: a\"}", "{\"id\":\"q2\",\"response\":\"Answer: (B)\"}", "{\"id\":\"q3\",\"response\":\"Answer: C\"}"]);
        var lenientConfig = dir.File("lenient.conf");
        await File.WriteAllTextAsync(lenientConfig, "robustft.method.answer-matching = lenient\n");
        string[] args = ["eval", "--gold", gold, "--predictions", predictions, "--task", "arc", "--json"];

        async Task<double> AccuracyAsync(params string[] extra)
        {
            var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), [.. args, .. extra]);
            Assert.True(result.ExitCode == 0, result.ToString());
            using var doc = JsonDocument.Parse(result.Stdout);
            return doc.RootElement.GetProperty("accuracy").GetDouble();
        }

        Assert.Equal(1.0 / 3, await AccuracyAsync(), 9);
        Assert.Equal(1.0 / 3, await AccuracyAsync("--match", "reference"), 9);
        Assert.Equal(1.0, await AccuracyAsync("--match", "lenient"), 9);
        Assert.Equal(1.0, await AccuracyAsync("--config", lenientConfig), 9);
        Assert.Equal(1.0 / 3, await AccuracyAsync("--config", lenientConfig, "--match", "reference"), 9);
        var bad = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), [.. args, "--match", "fuzzy"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("fuzzy", bad.Stderr);
    }
}
