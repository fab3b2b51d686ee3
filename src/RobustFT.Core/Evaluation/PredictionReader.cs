using System.Text.Json;
using RobustFT.Core.Datasets;

namespace RobustFT.Core.Evaluation;

/// <summary>Reads predictions as JSON Lines, <c>{"id": "...", "response": "..."}</c> per line (blank lines skipped).
/// Any malformed line, or an id seen twice, throws <see cref="DatasetException"/> naming the file and line.</summary>
public static class PredictionReader
{
    public static IReadOnlyList<Prediction> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"predictions file '{path}' not found");
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"predictions file '{path}' cannot be read: {e.Message}", e);
        }
    }

    public static IReadOnlyList<Prediction> Read(TextReader reader, string file)
    {
        var predictions = new List<Prediction>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var prediction = Parse(line, number, file);
            if (firstLine.TryGetValue(prediction.Id, out var first))
                throw new DatasetException($"predictions file '{file}' line {number}: duplicate id '{prediction.Id}' (first on line {first})");
            firstLine[prediction.Id] = number;
            predictions.Add(prediction);
        }
        return predictions;
    }

    private static Prediction Parse(string line, int number, string file)
    {
        DatasetException Error(string reason) => new($"predictions file '{file}' line {number}: {reason}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw Error($"malformed JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error("expected a JSON object");
            var id = root.TryGetProperty("id", out var idElement) ? idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => null,
            } : null;
            if (string.IsNullOrWhiteSpace(id)) throw Error("\"id\" is missing or not a string");
            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.String)
                throw Error("\"response\" is missing or not a string");
            return new Prediction(id.Trim(), response.GetString()!, number);
        }
    }
}
