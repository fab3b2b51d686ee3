using RobustFT.Core.Answers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Reports;

/// <summary>Measures a run against clean labels: detection of noisy samples and label accuracy before and after.
/// A sample is truly noisy when its given label does not match gold (task semantics); detected noisy when the
/// checker said not clean (<see cref="SampleOutcome.Clean"/> = false).</summary>
public static class GoldEvaluation
{
    /// <summary>Gold labels by sample id from any dataset file <see cref="DatasetReader"/> reads (for example
    /// labeled.csv). Ids without an id column derive from question and options, so they equal the noisy file's.</summary>
    public static IReadOnlyDictionary<string, string> LoadGold(string path) =>
        DatasetReader.Read(path).Samples.ToDictionary(s => s.Id, s => s.Label, StringComparer.Ordinal);

    public static GoldMetrics Evaluate(
        IEnumerable<SampleOutcome> outcomes, IReadOnlyDictionary<string, string> gold, TaskProfile profile, AnswerMatching matching)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        int matched = 0, inputCorrect = 0, exported = 0, exportedCorrect = 0;
        foreach (var outcome in outcomes)
        {
            if (!gold.TryGetValue(outcome.Sample.Id, out var goldLabel)) continue;
            matched++;
            var givenIsRight = AnswerMatcher.Matches(outcome.Sample.Label, goldLabel, profile, matching);
            if (givenIsRight) inputCorrect++;
            var detected = outcome.Clean == false;
            if (detected && !givenIsRight) truePositives++;
            else if (detected) falsePositives++;
            else if (!givenIsRight) falseNegatives++;
            if (outcome.Exported)
            {
                exported++;
                if (outcome.FinalLabel is not null && AnswerMatcher.Matches(outcome.FinalLabel, goldLabel, profile, matching)) exportedCorrect++;
            }
        }
        var precision = Ratio(truePositives, truePositives + falsePositives);
        var recall = Ratio(truePositives, truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new GoldMetrics(
            new DetectionMetrics(precision, recall, f1, truePositives, falsePositives, falseNegatives),
            new LabelAccuracy(Ratio(inputCorrect, matched), exported == 0 ? null : Ratio(exportedCorrect, exported)),
            matched);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
