using RobustFT.Core.Answers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;
using RobustFT.Testing.Data;

namespace RobustFT.Core.Tests.Reports;

public class GoldEvaluationTests
{
    private static readonly TaskProfile Arc = TaskProfiles.Resolve("arc");

    internal static SampleOutcome Outcome(string id, string given, bool? clean, string? final = null) =>
        new(TestSamples.Create(id, given), "Done") { Clean = clean, FinalLabel = final, Exported = final is not null };

    internal static readonly Dictionary<string, string> Gold = new()
    {
        ["a"] = "A", ["b"] = "B", ["c"] = "C", ["d"] = "D", ["e"] = "A",
    };

    internal static SampleOutcome[] HandMade() =>
    [
        Outcome("a", "A", clean: true, final: "A"),   // right label, kept clean
        Outcome("b", "C", clean: false, final: "B"),  // noisy, detected, fixed
        Outcome("c", "C", clean: false, final: "C"),  // right label, wrongly flagged
        Outcome("d", "A", clean: true),               // noisy, missed, not exported
        Outcome("e", "B", clean: false, final: "C"),  // noisy, detected, relabeled wrongly
        Outcome("z", "A", clean: false, final: "A"),  // no gold label: ignored
    ];

    [Fact]
    public void ComputesDetectionAndLabelAccuracyOnAHandMadeExample()
    {
        var metrics = GoldEvaluation.Evaluate(HandMade(), Gold, Arc, AnswerMatching.Reference);

        Assert.Equal(5, metrics.Matched);
        Assert.Equal((2, 1, 1), (metrics.Detection.TruePositives, metrics.Detection.FalsePositives, metrics.Detection.FalseNegatives));
        Assert.Equal(2.0 / 3, metrics.Detection.Precision, 12);
        Assert.Equal(2.0 / 3, metrics.Detection.Recall, 12);
        Assert.Equal(2.0 / 3, metrics.Detection.F1, 12);
        Assert.Equal(0.4, metrics.LabelAccuracy.Input, 12);
        Assert.Equal(0.75, metrics.LabelAccuracy.Exported!.Value, 12);
    }

    [Fact]
    public void NoDetectionsGiveZeroRatherThanNaN()
    {
        var metrics = GoldEvaluation.Evaluate([Outcome("a", "A", clean: true)], Gold, Arc, AnswerMatching.Reference);
        Assert.Equal((0.0, 0.0, 0.0), (metrics.Detection.Precision, metrics.Detection.Recall, metrics.Detection.F1));
        Assert.Equal(1.0, metrics.LabelAccuracy.Input);
        Assert.Null(metrics.LabelAccuracy.Exported);
        Assert.Equal("n/a", metrics.LabelAccuracy.FormatExported());
    }

    [Fact]
    public void ArcNoisy30AgainstLabeledHasTheKnownInputAccuracy()
    {
        var noisy = DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples;
        var gold = GoldEvaluation.LoadGold(SharedData.File("arc", "labeled.csv"));
        // A checker that flags everything finds every noisy label with precision = noise share.
        var outcomes = noisy.Select(s => new SampleOutcome(s, "Noisy") { Clean = false }).ToArray();

        var metrics = GoldEvaluation.Evaluate(outcomes, gold, Arc, AnswerMatching.Reference);

        Assert.Equal(1778, metrics.Matched);
        Assert.Equal(1245.0 / 1778, metrics.LabelAccuracy.Input, 15);
        Assert.Equal((533, 1245, 0), (metrics.Detection.TruePositives, metrics.Detection.FalsePositives, metrics.Detection.FalseNegatives));
        Assert.Equal(1.0, metrics.Detection.Recall);
    }

    [Fact]
    public void FpbGoldMatchesNoisyRowsByContentDerivedIds()
    {
        var noisy = DatasetReader.Read(SharedData.File("fpb", "noisy30.csv")).Samples;
        var gold = GoldEvaluation.LoadGold(SharedData.File("fpb", "labeled.csv"));
        var outcomes = noisy.Select(s => new SampleOutcome(s, "Clean") { Clean = true }).ToArray();

        var metrics = GoldEvaluation.Evaluate(outcomes, gold, TaskProfiles.Resolve("fpb"), AnswerMatching.Reference);

        Assert.Equal(1583, metrics.Matched);
        Assert.Equal(474, metrics.Detection.FalseNegatives);
        Assert.Equal((1583 - 474) / 1583.0, metrics.LabelAccuracy.Input, 15);
    }

    [Fact]
    public void LabelsFromGtMetadataAreNeverUsed()
    {
        var sample = new Sample("x", 2, "Q", ["negative", "positive"], "A", new Dictionary<string, string> { ["gt"] = "positive" });
        var metrics = GoldEvaluation.Evaluate([new SampleOutcome(sample, "Clean") { Clean = true }],
            new Dictionary<string, string> { ["x"] = "B" }, TaskProfiles.Resolve("fpb"), AnswerMatching.Reference);
        Assert.Equal(0.0, metrics.LabelAccuracy.Input);
    }
}
