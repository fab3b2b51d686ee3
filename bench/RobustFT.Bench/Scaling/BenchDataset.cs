using System.Text.Json;
using RobustFT.Core.Datasets;
using RobustFT.Core.Samples;

namespace RobustFT.Bench.Scaling;

/// <summary>The first rows of a shared split and their gold labels, written as JSON Lines inputs for a run.</summary>
public sealed record BenchDataset(string InputPath, string GoldPath, IReadOnlyList<Sample> Gold)
{
    public static BenchDataset Write(string noisyPath, string goldPath, int count, string directory)
    {
        var noisy = DatasetReader.Read(noisyPath).Samples.Take(count).ToList();
        var goldById = DatasetReader.Read(goldPath).Samples.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var missing = noisy.FirstOrDefault(s => !goldById.ContainsKey(s.Id));
        if (missing is not null) throw new InvalidDataException($"{goldPath}: no gold row for sample '{missing.Id}' of {noisyPath}");
        var gold = noisy.Select(s => goldById[s.Id]).ToList();

        Directory.CreateDirectory(directory);
        var input = Path.Combine(directory, $"input-{count}.jsonl");
        var goldOut = Path.Combine(directory, $"gold-{count}.jsonl");
        File.WriteAllLines(input, noisy.Select(Line));
        File.WriteAllLines(goldOut, gold.Select(Line));
        return new BenchDataset(input, goldOut, gold);
    }

    private static string Line(Sample s) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = s.Id, ["question"] = s.Question, ["answer"] = s.Label, ["options"] = s.Options });
}
