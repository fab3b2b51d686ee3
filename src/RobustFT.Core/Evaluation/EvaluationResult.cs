using System.Text.Json;
using RobustFT.Core.Datasets;

namespace RobustFT.Core.Evaluation;

/// <summary>Accuracy over all gold rows, and each row's verdict in gold order. JSON:
/// <c>{"accuracy": x, "rows": [{"id": "...", "correct": true}, ...]}</c>.</summary>
public sealed record EvaluationResult(double Accuracy, IReadOnlyList<EvaluationRow> Rows)
{
    public string ToJson() => JsonSerializer.Serialize(this, CoreJson.Indented) + "\n";
}
