using System.Text;
using System.Text.Json;
using RobustFT.Core.Samples;

namespace RobustFT.Core.Datasets;

/// <summary>Reads a dataset in the RobustFT layout from CSV (header row) or JSON Lines, chosen by extension
/// (<c>.csv</c>, <c>.jsonl</c>, <c>.ndjson</c>). Malformed rows become <see cref="RejectedRow"/>s and the read goes on;
/// the second occurrence of an id (given or content-derived) is rejected. A file that cannot be read at all throws
/// <see cref="DatasetException"/>.</summary>
public static class DatasetReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DatasetReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        Func<TextReader, string, DatasetReadResult> parse = extension switch
        {
            ".csv" => ReadCsv,
            ".jsonl" or ".ndjson" => ReadJsonLines,
            _ => throw new DatasetException(
                $"dataset file '{path}': unsupported extension '{extension}' (expected .csv, .jsonl or .ndjson)"),
        };
        if (!File.Exists(path)) throw new DatasetException($"dataset file '{path}' not found");
        try
        {
            using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            return parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"dataset file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads CSV text; <paramref name="file"/> names the source in rejects and errors.</summary>
    public static DatasetReadResult ReadCsv(TextReader reader, string file)
    {
        var parser = new CsvParser(reader);
        var collector = new Collector();
        try
        {
            using var records = parser.Records().GetEnumerator();
            if (!records.MoveNext()) throw new DatasetException($"dataset file '{file}' is empty (expected a header row)");
            var header = ReadHeader(records.Current, file);
            while (records.MoveNext())
            {
                var record = records.Current;
                if (record.Error is not null)
                {
                    collector.Reject(new RejectedRow(file, record.Line, "", record.Error, record.Raw));
                    continue;
                }
                if (record.Fields.Count != header.Count)
                {
                    collector.Reject(new RejectedRow(file, record.Line, "",
                        $"expected {header.Count} fields as in the header, found {record.Fields.Count}", record.Raw));
                    continue;
                }
                var cells = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++) cells[header[i]] = record.Fields[i];
                collector.Add(new RawRow(file, record.Line, cells, record.Raw));
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new DatasetException($"dataset file '{file}': not valid UTF-8 ({e.Message})", e);
        }
        return collector.Result();
    }

    /// <summary>Reads JSON Lines text (one object per non-blank line).</summary>
    public static DatasetReadResult ReadJsonLines(TextReader reader, string file)
    {
        var collector = new Collector();
        var lineNumber = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var cells = ParseJsonObject(line, out var error);
                if (cells is null)
                {
                    collector.Reject(new RejectedRow(file, lineNumber, "", error!, line));
                    continue;
                }
                collector.Add(new RawRow(file, lineNumber, cells, line));
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new DatasetException($"dataset file '{file}': not valid UTF-8 ({e.Message})", e);
        }
        return collector.Result();
    }

    private static List<string> ReadHeader(CsvRecord record, string file)
    {
        var names = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
                throw new DatasetException($"dataset file '{file}' line {record.Line}: header column {i + 1} has no name");
            if (names.IndexOf(names[i]) != i)
                throw new DatasetException($"dataset file '{file}' line {record.Line}: header column '{names[i]}' appears twice");
        }
        foreach (var required in new[] { SampleRowParser.QuestionColumn, SampleRowParser.AnswerColumn })
            if (!names.Contains(required))
                throw new DatasetException(
                    $"dataset file '{file}' line {record.Line}: header lacks the required column '{required}' (found: {string.Join(", ", names)})");
        return names;
    }

    private static Dictionary<string, string?>? ParseJsonObject(string line, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object, got {document.RootElement.ValueKind}";
                return null;
            }
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name.ToLowerInvariant();
                cells[name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }
            return cells;
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>Validates rows in order and rejects the second occurrence of an id.</summary>
    private sealed class Collector
    {
        private readonly List<Sample> _samples = [];
        private readonly List<RejectedRow> _rejects = [];
        private readonly Dictionary<string, int> _firstLineById = new(StringComparer.Ordinal);

        public void Reject(RejectedRow reject) => _rejects.Add(reject);

        public void Add(RawRow row)
        {
            var (sample, reject) = SampleRowParser.Parse(row);
            if (reject is not null)
            {
                _rejects.Add(reject);
                return;
            }
            if (_firstLineById.TryGetValue(sample!.Id, out var firstLine))
            {
                _rejects.Add(new RejectedRow(row.File, row.Line, SampleRowParser.IdColumn,
                    $"duplicate id '{sample.Id}' (first on line {firstLine})", row.Raw));
                return;
            }
            _firstLineById[sample.Id] = row.Line;
            _samples.Add(sample);
        }

        public DatasetReadResult Result() => new(_samples, _rejects);
    }
}
