using System.Text.Json;
using RobustFT.Core.Datasets;

namespace RobustFT.Core.Evaluation;

/// <summary>What <c>robustft evaluate</c> reports (<c>evaluation.json</c>, and stdout with <c>--json</c>): accuracy over
/// every input row (a failed request counts as wrong), per category when the input has one, how many requests failed
/// or came from the cache, and the predictions file (<c>{"id","response"}</c> JSONL, the format <c>robustft eval</c>
/// reads).</summary>
public sealed record ModelEvaluation(
    string Model,
    string Task,
    string Input,
    double Accuracy,
    int Correct,
    int Total,
    int Failed,
    int CacheHits,
    IReadOnlyList<CategoryScore> Categories,
    string Predictions)
{
    public const string FileName = "evaluation.json";
    public const string PredictionsFileName = "predictions.jsonl";

    public string ToJson() => JsonSerializer.Serialize(this, CoreJson.Indented) + "\n";

    public static ModelEvaluation FromJson(string json) =>
        JsonSerializer.Deserialize<ModelEvaluation>(json, CoreJson.Indented) ?? throw new JsonException("empty evaluation document");
}
