using System.Text.Json;
using RobustFT.Core.Answers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Evaluation;

/// <summary>Scores model responses against gold samples: the answer is extracted from each response and matched with
/// the task's semantics. A gold label that is a JSON list of strings accepts any of them. Gold rows without a
/// prediction count as incorrect; a prediction for an id that is not in gold is an error.</summary>
public static class PredictionEvaluator
{
    public static EvaluationResult Evaluate(
        IReadOnlyList<Sample> gold, IReadOnlyList<Prediction> predictions, TaskProfile profile, AnswerMatching matching,
        string predictionsFile = "predictions")
    {
        var goldIds = gold.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var byId = new Dictionary<string, Prediction>(StringComparer.Ordinal);
        foreach (var prediction in predictions)
        {
            if (!goldIds.Contains(prediction.Id))
                throw new DatasetException(
                    $"predictions file '{predictionsFile}' line {prediction.Line}: id '{prediction.Id}' is not in the gold dataset");
            byId[prediction.Id] = prediction;
        }
        var rows = gold
            .Select(s => new EvaluationRow(s.Id, byId.TryGetValue(s.Id, out var p) && IsCorrect(p.Response, s.Label, profile, matching)))
            .ToArray();
        var accuracy = rows.Length == 0 ? 0 : (double)rows.Count(r => r.Correct) / rows.Length;
        return new EvaluationResult(accuracy, rows);
    }

    /// <summary>Extracts the answer from <paramref name="response"/> and matches it against the label (or any label of a
    /// JSON list).</summary>
    public static bool IsCorrect(string response, string label, TaskProfile profile, AnswerMatching matching)
    {
        var answer = AnswerExtractor.Extract(response);
        return AcceptableLabels(label).Any(l => AnswerMatcher.Matches(answer, l, profile, matching));
    }

    /// <summary>The label itself, or the strings of a label written as a JSON list of strings.</summary>
    public static IReadOnlyList<string> AcceptableLabels(string label)
    {
        var trimmed = label.Trim();
        if (!trimmed.StartsWith('[')) return [label];
        try
        {
            var list = JsonSerializer.Deserialize<List<string?>>(trimmed)?.OfType<string>().ToList();
            return list is { Count: > 0 } ? list : [label];
        }
        catch (JsonException)
        {
            return [label];
        }
    }
}
