using RobustFT.Core.Samples;

namespace RobustFT.Core.Evaluation;

/// <summary>Accuracy per value of the input's <c>category</c> column (a metadata column, matched case-insensitively),
/// from the rows of an <see cref="EvaluationResult"/>.</summary>
public static class CategoryAccuracy
{
    public const string Column = "category";

    /// <summary>Category → (correct, total, accuracy), ordered by name; empty when no sample has the column.</summary>
    public static IReadOnlyList<CategoryScore> Compute(IReadOnlyList<Sample> samples, EvaluationResult result)
    {
        var categoryOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var entry = sample.Metadata.FirstOrDefault(m => string.Equals(m.Key, Column, StringComparison.OrdinalIgnoreCase));
            if (entry.Key is not null) categoryOf[sample.Id] = entry.Value;
        }
        if (categoryOf.Count == 0) return [];
        return result.Rows
            .GroupBy(r => categoryOf.GetValueOrDefault(r.Id, ""), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryScore(g.Key, g.Count(r => r.Correct), g.Count()))
            .ToList();
    }
}
