using System.Text.Json;
using RobustFT.Core.Datasets;
using RobustFT.Core.Samples;

namespace RobustFT.Bench.Scaling;

/// <summary>The first rows of a shared split and their gold labels, written as JSON Lines inputs for a run. Asked for
/// more rows than the split has, it repeats the split with the copy number in the id and the question ("id~2",
/// "… (copy 2)"), so copies are distinct samples with distinct prompts (no inference-cache hits between copies).</summary>
public sealed record BenchDataset(string InputPath, string GoldPath, IReadOnlyList<Sample> Gold)
{
    public static BenchDataset Write(string noisyPath, string goldPath, int count, string directory)
    {
        var rows = DatasetReader.Read(noisyPath).Samples;
        var goldById = DatasetReader.Read(goldPath).Samples.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var missing = rows.FirstOrDefault(s => !goldById.ContainsKey(s.Id));
        if (missing is not null) throw new InvalidDataException($"{goldPath}: no gold row for sample '{missing.Id}' of {noisyPath}");
        var noisy = new List<Sample>(count);
        var gold = new List<Sample>(count);
        for (var i = 0; i < count && rows.Count > 0; i++)
        {
            var (row, copy) = (rows[i % rows.Count], i / rows.Count);
            noisy.Add(Copy(row, copy));
            gold.Add(Copy(goldById[row.Id], copy));
        }

        Directory.CreateDirectory(directory);
        var input = Path.Combine(directory, $"input-{count}.jsonl");
        var goldOut = Path.Combine(directory, $"gold-{count}.jsonl");
        File.WriteAllLines(input, noisy.Select(Line));
        File.WriteAllLines(goldOut, gold.Select(Line));
        return new BenchDataset(input, goldOut, gold);
    }

    private static Sample Copy(Sample s, int copy) => copy == 0 ? s : s with { Id = $"{s.Id}~{copy + 1}", Question = $"{s.Question} (copy {copy + 1})" };

    private static string Line(Sample s) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = s.Id, ["question"] = s.Question, ["answer"] = s.Label, ["options"] = s.Options });
}
