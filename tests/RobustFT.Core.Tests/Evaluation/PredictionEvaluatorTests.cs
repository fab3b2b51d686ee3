using RobustFT.Core.Answers;
using System.Text.Json;
using RobustFT.Core.Datasets;
using RobustFT.Core.Evaluation;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Evaluation;

public class PredictionEvaluatorTests
{
    private static readonly Sample[] Gold =
    [
        TestSamples.Create("q1", "B"),
        TestSamples.Create("q2", "C"),
        TestSamples.Create("q3", "A"),
        TestSamples.Create("q4", "D"),
    ];

    [Fact]
    public void ScoresExtractedAnswersAndCountsMissingPredictionsAsWrong()
    {
        var predictions = new[]
        {
            new Prediction("q2", "Reasoning...\nAnswer: C", 1),
            new Prediction("q1", "Answer: B.", 2),
            new Prediction("q3", "I think it is A", 3),
        };

        var lenient = PredictionEvaluator.Evaluate(Gold, predictions, TaskProfiles.Resolve("arc"), AnswerMatching.Lenient);
        var reference = PredictionEvaluator.Evaluate(Gold, predictions, TaskProfiles.Resolve("arc"), AnswerMatching.Reference);

        Assert.Equal([("q1", true), ("q2", true), ("q3", false), ("q4", false)], lenient.Rows.Select(r => (r.Id, r.Correct)));
        Assert.Equal(0.5, lenient.Accuracy);
        // The reference compares "B." with "B" exactly, so q1 fails.
        Assert.Equal([("q1", false), ("q2", true), ("q3", false), ("q4", false)], reference.Rows.Select(r => (r.Id, r.Correct)));
    }

    [Fact]
    public void APredictionForAnUnknownIdIsAnErrorNamingItsLine()
    {
        var e = Assert.Throws<DatasetException>(() => PredictionEvaluator.Evaluate(
            Gold, [new Prediction("nope", "Answer: A", 7)], TaskProfiles.Resolve("arc"), AnswerMatching.Reference, "preds.jsonl"));
        Assert.Contains("preds.jsonl", e.Message);
        Assert.Contains("line 7", e.Message);
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void FuzzyGoldMayListSeveralAcceptableAnswers()
    {
        var drop = TaskProfiles.Resolve("drop");
        Assert.True(PredictionEvaluator.IsCorrect("Answer: touchdowns", "[\"field goals\", \"Touchdowns.\"]", drop, AnswerMatching.Reference));
        Assert.False(PredictionEvaluator.IsCorrect("Answer: punts", "[\"field goals\", \"touchdowns\"]", drop, AnswerMatching.Reference));
        Assert.True(PredictionEvaluator.IsCorrect("Answer: [broken", "[broken", drop, AnswerMatching.Reference));
    }

    [Fact]
    public void NumericGoldUsesTolerance()
    {
        var convfinqa = TaskProfiles.Resolve("convfinqa");
        Assert.True(PredictionEvaluator.IsCorrect("So the change is\nAnswer: 12.4%", "0.1245", convfinqa, AnswerMatching.Reference));
        Assert.False(PredictionEvaluator.IsCorrect("Answer: 13%", "0.1245", convfinqa, AnswerMatching.Reference));
    }

    [Fact]
    public void ReadsPredictionsAndSkipsBlankLines()
    {
        var predictions = PredictionReader.Read(new StringReader("{\"id\":\"q1\",\"response\":\"Answer: B\"}\n\n{\"id\": 7, \"response\": \"x\"}\n"), "p.jsonl");
        Assert.Equal([new Prediction("q1", "Answer: B", 1), new Prediction("7", "x", 3)], predictions);
    }

    [Theory]
    [InlineData("{\"id\":\"q1\",\"response\":\"a\"}\n{\"id\":\"q2\"", "line 2")]
    [InlineData("{\"id\":\"q1\",\"response\":\"a\"}\n\n{\"response\":\"b\"}", "line 3")]
    [InlineData("{\"id\":\"q1\",\"response\":5}", "line 1")]
    [InlineData("{\"id\":\"q1\",\"response\":\"a\"}\n{\"id\":\"q1\",\"response\":\"b\"}", "duplicate id 'q1'")]
    public void BadPredictionLinesAreErrorsNamingFileAndLine(string text, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => PredictionReader.Read(new StringReader(text), "p.jsonl"));
        Assert.Contains("p.jsonl", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EndToEndFromFilesProducesTheDocumentedJsonShape()
    {
        using var dir = new TempDirectory();
        var goldPath = dir.Write("test.csv", "id,question,answer,options\nq1,Q1,A,\"[\"\"x\"\",\"\"y\"\"]\"\nq2,Q2,B,\"[\"\"x\"\",\"\"y\"\"]\"\n");
        var predictionsPath = dir.Write("p.jsonl", "{\"id\":\"q1\",\"response\":\"Answer: A\"}\n{\"id\":\"q2\",\"response\":\"Answer: A\"}\n");

        var result = PredictionEvaluator.Evaluate(DatasetReader.Read(goldPath).Samples, PredictionReader.Read(predictionsPath),
            TaskProfiles.Resolve("arc"), AnswerMatching.Reference, predictionsPath);

        using var document = JsonDocument.Parse(result.ToJson());
        Assert.Equal(0.5, document.RootElement.GetProperty("accuracy").GetDouble());
        var rows = document.RootElement.GetProperty("rows");
        Assert.Equal("q1", rows[0].GetProperty("id").GetString());
        Assert.True(rows[0].GetProperty("correct").GetBoolean());
        Assert.False(rows[1].GetProperty("correct").GetBoolean());
    }

    [Fact]
    public void AMissingPredictionsFileIsAnError() =>
        Assert.Throws<DatasetException>(() => PredictionReader.Read("/no/such/predictions.jsonl"));
}
