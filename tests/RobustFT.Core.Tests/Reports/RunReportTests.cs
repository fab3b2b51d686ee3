using System.Text.Json;
using RobustFT.Core.Answers;
using RobustFT.Core.Reports;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Reports;

public class RunReportTests
{
    [Fact]
    public void CountsEveryFigureFromTheOutcomes()
    {
        var outcomes = GoldEvaluationTests.HandMade().ToList();
        outcomes[1] = outcomes[1] with { ReviewLabel = "B", Selected = true };
        outcomes[4] = outcomes[4] with { ReviewLabel = "C", Selected = false };
        outcomes.Add(new(TestSamples.Create("f"), "Faulted") { Fault = "boom" });
        outcomes.Add(new(TestSamples.Create("u"), "Unlabeled")
        {
            Clean = false, ReviewLabel = "Q", Entropy = 0.3, Rank = 2, Selected = false, UnlabeledReason = "review: no valid label",
        });

        var report = RunReport.FromOutcomes("run-1", TaskProfiles.Resolve("arc"), outcomes, rejected: 3, threshold: 0.42,
            cacheHits: 7, inferenceCalls: 20, new RunTime(RunningSeconds: 4, ElapsedSeconds: 100), AnswerMatching.Reference);

        Assert.Equal(("run-1", "arc", 8, 3), (report.RunId, report.Task, report.Samples, report.Rejected));
        // Relabeled: the four noisy samples with a new label; the unlabeled one counts apart, not as relabeled nor faulted.
        Assert.Equal((2, 5, 4, 1, 1, 5, 1), (report.Clean, report.Noisy, report.Relabeled, report.Unlabeled, report.Selected, report.Exported, report.Faulted));
        Assert.Equal(report.Noisy, report.Relabeled + report.Unlabeled);
        Assert.Equal(0.42, report.Threshold);
        Assert.Equal(2.0, report.SamplesPerSecond); // per running second, not per elapsed second
        Assert.Equal((4.0, 100.0), (report.WallSeconds, report.ElapsedSeconds));
        Assert.Null(report.Detection);
        Assert.Null(report.LabelAccuracy);
    }

    [Fact]
    public void SerialisesCamelCaseWithNullThresholdAndNoGoldSectionsWithoutGold()
    {
        var report = RunReport.FromOutcomes("r", TaskProfiles.Resolve("arc"), GoldEvaluationTests.HandMade(), 0, double.NaN, 0, 0, new RunTime(0, 0), AnswerMatching.Reference);
        var json = report.ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("threshold").ValueKind);
        Assert.Equal(6, root.GetProperty("samples").GetInt32());
        Assert.True(root.TryGetProperty("samplesPerSecond", out _));
        Assert.True(root.TryGetProperty("inferenceCalls", out _));
        Assert.False(root.TryGetProperty("detection", out _));
        Assert.False(root.TryGetProperty("labelAccuracy", out _));
        Assert.Contains("\n  \"runId\": \"r\",\n", json);
    }

    [Fact]
    public void The_method_section_shows_the_ablations_and_round_trips()
    {
        var method = new RobustFT.Core.Method.MethodOptions(0.3, 3, RobustFT.Core.Method.CheckerRule.BothAgree, 1.0, 1, 42, AnswerMatching.Reference)
        {
            Ablations = new RobustFT.Core.Method.Ablations { NoContext = true },
        };
        var report = RunReport.FromOutcomes("r", TaskProfiles.Resolve("arc"), GoldEvaluationTests.HandMade(), 0, 1.5, 0, 0, new RunTime(2, 2), AnswerMatching.Reference) with { Method = method };

        using var document = JsonDocument.Parse(report.ToJson());
        var json = document.RootElement.GetProperty("method");
        Assert.Equal(0.3, json.GetProperty("beta").GetDouble());
        Assert.True(json.GetProperty("ablations").GetProperty("noContext").GetBoolean());
        Assert.False(json.GetProperty("ablations").GetProperty("noReview").GetBoolean());
        Assert.False(json.GetProperty("ablations").TryGetProperty("retrieves", out _));
        Assert.Equal(method, RunReport.FromJson(report.ToJson()).Method);
    }

    [Fact]
    public void IncludesGoldSectionsWhenGoldIsGivenAndRoundTrips()
    {
        var report = RunReport.FromOutcomes("r", TaskProfiles.Resolve("arc"), GoldEvaluationTests.HandMade(), 0, 1.5, 0, 0, new RunTime(2, 2),
            AnswerMatching.Reference, GoldEvaluationTests.Gold);
        using var document = JsonDocument.Parse(report.ToJson());
        var detection = document.RootElement.GetProperty("detection");
        Assert.Equal(2, detection.GetProperty("truePositives").GetInt32());
        Assert.Equal(2.0 / 3, detection.GetProperty("f1").GetDouble(), 12);
        Assert.Equal(0.75, document.RootElement.GetProperty("labelAccuracy").GetProperty("exported").GetDouble());
        Assert.Equal(report, RunReport.FromJson(report.ToJson()));
    }

    [Fact]
    public void ExportedLabelAccuracyIsNullInJsonWhenNothingWasExported()
    {
        var outcomes = new[] { GoldEvaluationTests.Outcome("a", "A", clean: false) };
        var report = RunReport.FromOutcomes("r", TaskProfiles.Resolve("arc"), outcomes, 0, null, 0, 0, new RunTime(1, 1),
            AnswerMatching.Reference, GoldEvaluationTests.Gold);

        using var document = JsonDocument.Parse(report.ToJson());
        var accuracy = document.RootElement.GetProperty("labelAccuracy");
        Assert.Equal(1.0, accuracy.GetProperty("input").GetDouble());
        Assert.Equal(JsonValueKind.Null, accuracy.GetProperty("exported").ValueKind);
        Assert.Equal("n/a", report.LabelAccuracy!.FormatExported());
    }
}
