using System.Text.Json;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Answers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Evaluation;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary><c>robustft evaluate</c> of a model served by an OpenAI-compatible server on the arc test split.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EvaluateCommandTests
{
    [Fact]
    public async Task Evaluate_reports_the_share_the_server_answered_right_and_its_predictions_score_the_same_with_eval()
    {
        using var dir = new TempDir();
        var test = SharedData.File("arc", "test.csv");
        var gold = DatasetReader.Read(test).Samples;
        await using var server = await OpenAiRun.StartServerAsync(test);
        string[] args = ["evaluate", "--input", test, "--task", "arc", "--output", dir.Path, "--json", .. OpenAiRun.Sets(server.BaseUrl)];

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(3), args);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ModelEvaluation.FromJson(result.Stdout);
        var labels = gold.ToDictionary(s => s.Id, s => s.Label);
        var answered = server.Answered;
        Assert.Equal(gold.Count, answered.Count);
        Assert.All(answered, c => Assert.Equal("base", c.Step));
        var right = answered.Count(c => AnswerExtractor.Extract(c.Text!) == labels[c.SampleId]);
        Assert.InRange(right, 1, gold.Count - 1); // the expert is wrong about 10% of the time
        Assert.Equal(gold.Count, report.Total);
        Assert.Equal(right, report.Correct);
        Assert.Equal((double)right / gold.Count, report.Accuracy);
        Assert.Equal(0, report.Failed);
        Assert.Empty(report.Categories); // arc has no category column

        var predictions = Path.Combine(dir.Path, ModelEvaluation.PredictionsFileName);
        Assert.Equal(gold.Count, File.ReadLines(predictions).Count());
        var eval = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(1), "eval", "--gold", test, "--predictions", predictions, "--task", "arc", "--json");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        using var scored = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(report.Accuracy, scored.RootElement.GetProperty("accuracy").GetDouble());

        // A rerun is answered from the cache; another served model shares nothing with it.
        var again = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(2), args);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(gold.Count, ModelEvaluation.FromJson(again.Stdout).CacheHits);
        Assert.Equal(gold.Count, server.Answered.Count);
        var other = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(2), [.. args, "--set", "robustft.inference.openai.model=another-model"]);
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.Equal(0, ModelEvaluation.FromJson(other.Stdout).CacheHits);
    }

    [Fact]
    public async Task Evaluate_reports_accuracy_per_category_when_the_input_has_a_category_column()
    {
        using var dir = new TempDir();
        var rows = DatasetReader.Read(SharedData.File("arc", "test.csv")).Samples.Take(40).ToList();
        var input = dir.File("categorised.csv");
        var lines = new List<string> { "id,question,answer,options,category" };
        lines.AddRange(rows.Select((s, i) => string.Join(',', Csv(s.Id), Csv(s.Question), s.Label, Csv(JsonSerializer.Serialize(s.Options)), i % 2 == 0 ? "even" : "odd")));
        await File.WriteAllLinesAsync(input, lines);
        await using var server = await OpenAiRun.StartServerAsync(input);

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(2),
            ["evaluate", "--input", input, "--task", "arc", "--output", dir.File("out"), "--json", .. OpenAiRun.Sets(server.BaseUrl)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ModelEvaluation.FromJson(result.Stdout);
        var labels = rows.ToDictionary(s => s.Id, s => s.Label);
        var rightById = server.Answered.ToDictionary(c => c.SampleId, c => AnswerExtractor.Extract(c.Text!) == labels[c.SampleId]);
        Assert.Equal(["even", "odd"], report.Categories.Select(c => c.Category));
        foreach (var (category, parity) in new[] { ("even", 0), ("odd", 1) })
        {
            var ids = rows.Where((_, i) => i % 2 == parity).Select(s => s.Id).ToList();
            var score = report.Categories.Single(c => c.Category == category);
            Assert.Equal(ids.Count, score.Total);
            Assert.Equal(ids.Count(id => rightById[id]), score.Correct);
        }
    }

    [Fact]
    public async Task Evaluate_keeps_max_concurrent_requests_in_flight_even_with_small_batches()
    {
        using var dir = new TempDir();
        var test = SharedData.File("arc", "test.csv");
        await using var server = await OpenAiRun.StartServerAsync(test);
        server.Delay = TimeSpan.FromMilliseconds(40);

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(3),
        [
            "evaluate", "--input", test, "--task", "arc", "--output", dir.Path, "--json",
            .. OpenAiRun.Sets(server.BaseUrl, "--set", "robustft.inference.openai.max-concurrent-requests=8", "--set", "robustft.inference.batching.max-batch-size=3"),
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(8, server.MaxInFlight); // batches of 3, yet the server sees the limit reached and never passed
    }

    private static string Csv(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";
}
