using System.Text.Json;
using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;

namespace RobustFT.Core.Datasets;

/// <summary>Validates one row of the RobustFT layout (<c>id</c> optional, <c>question</c>, <c>answer</c>,
/// <c>options</c> = JSON list of strings, absent or empty for open questions; other columns become metadata) and
/// turns it into a <see cref="Sample"/> or a <see cref="RejectedRow"/>. Duplicate ids are the caller's concern.</summary>
public static class SampleRowParser
{
    public const string IdColumn = "id";
    public const string QuestionColumn = "question";
    public const string AnswerColumn = "answer";
    public const string OptionsColumn = "options";

    public static bool IsKnownColumn(string name) =>
        name is IdColumn or QuestionColumn or AnswerColumn or OptionsColumn;

    /// <summary>Exactly one of the results is non-null.</summary>
    public static (Sample? Sample, RejectedRow? Reject) Parse(RawRow row)
    {
        RejectedRow Reject(string field, string reason) => new(row.File, row.Line, field, reason, row.Raw);

        var question = Cell(row, QuestionColumn);
        if (string.IsNullOrWhiteSpace(question)) return (null, Reject(QuestionColumn, "question is missing or empty"));

        var optionsText = Cell(row, OptionsColumn);
        IReadOnlyList<string> options = [];
        if (!string.IsNullOrWhiteSpace(optionsText))
        {
            var parsed = ParseOptions(optionsText, out var error);
            if (parsed is null) return (null, Reject(OptionsColumn, error!));
            options = parsed;
        }

        var answer = Cell(row, AnswerColumn)?.Trim();
        if (string.IsNullOrEmpty(answer)) return (null, Reject(AnswerColumn, "answer is missing or empty"));
        if (options.Count > 0)
        {
            var letter = answer.ToUpperInvariant();
            var last = PromptBuilder.OptionLetter(options.Count - 1);
            if (letter.Length != 1 || letter[0] < 'A' || letter[0] > last[0])
                return (null, Reject(AnswerColumn, $"answer '{answer}' is not an option letter A-{last}"));
            answer = letter;
        }

        var id = Cell(row, IdColumn)?.Trim();
        if (string.IsNullOrEmpty(id)) id = SampleIds.FromContent(question, options);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in row.Cells)
            if (!IsKnownColumn(name) && value is not null) metadata[name] = value;

        return (new Sample(id, row.Line, question, options, answer, metadata), null);
    }

    private static string? Cell(RawRow row, string name) => row.Cells.TryGetValue(name, out var v) ? v : null;

    private static List<string>? ParseOptions(string text, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = $"options must be a JSON list of strings, got {document.RootElement.ValueKind}";
                return null;
            }
            var list = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    error = $"options must be a JSON list of strings, found {item.ValueKind} item";
                    return null;
                }
                list.Add(item.GetString()!);
            }
            if (list.Count > 26)
            {
                error = $"at most 26 options are supported, found {list.Count}";
                return null;
            }
            return list;
        }
        catch (JsonException e)
        {
            error = $"options are not valid JSON: {e.Message}";
            return null;
        }
    }
}
