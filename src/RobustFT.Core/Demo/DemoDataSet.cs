using RobustFT.Core.Datasets;
using RobustFT.Core.Samples;

namespace RobustFT.Core.Demo;

/// <summary>A generated demo set: the clean samples and the same samples with some labels replaced by wrong letters.</summary>
public sealed record DemoDataSet(IReadOnlyList<Sample> Gold, IReadOnlyList<Sample> Noisy)
{
    public const string NoisyFileName = "noisy.csv";
    public const string GoldFileName = "gold.csv";

    /// <summary>Writes <c>noisy.csv</c> and <c>gold.csv</c> in the RobustFT CSV layout (id, question, answer, options).</summary>
    public async Task WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, NoisyFileName), ToCsv(Noisy), cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, GoldFileName), ToCsv(Gold), cancellationToken);
    }

    public static string ToCsv(IEnumerable<Sample> samples)
    {
        var text = new System.Text.StringBuilder(CsvFormat.Row(["id", "question", "answer", "options"]));
        foreach (var s in samples)
            text.Append(CsvFormat.Row([s.Id, s.Question, s.Label, System.Text.Json.JsonSerializer.Serialize(s.Options, CoreJson.Compact)]));
        return text.ToString();
    }
}
