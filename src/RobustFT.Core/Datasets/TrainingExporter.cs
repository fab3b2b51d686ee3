using System.Text.Json;
using System.Text.Json.Nodes;
using RobustFT.Core.Prompts;

namespace RobustFT.Core.Datasets;

/// <summary>Writes the run's outputs: the training set of exported samples in Alpaca (<c>train_alpaca.json</c>) and
/// chat (<c>train_messages.jsonl</c>) form, and every sample's outcome (<c>samples.csv</c>). Identical outcomes give
/// byte-identical files (order by line then id, "\n", UTF-8 without BOM); each file is replaced atomically.</summary>
public sealed class TrainingExporter(PromptBuilder prompts)
{
    public const string AlpacaFileName = "train_alpaca.json";
    public const string MessagesFileName = "train_messages.jsonl";
    public const string SamplesFileName = "samples.csv";

    public static IReadOnlyList<string> SamplesColumns { get; } =
    [
        "id", "line", "question", "given_label", "base_response", "base_answer", "reasoning_response", "reasoning_answer",
        "r", "clean", "neighbours", "context_response", "context_answer", "review_response", "review_label", "entropy",
        "rank", "selected", "final_label", "state", "fault", "unlabeled_reason",
    ];

    /// <summary>Writes all three files into <paramref name="directory"/>.</summary>
    public async Task ExportAllAsync(string directory, IEnumerable<SampleOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        var sorted = OutcomeOrder.Sort(outcomes).ToArray();
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, AlpacaFileName), AlpacaJson(sorted), cancellationToken);
        await AtomicFile.WriteAsync(Path.Combine(directory, MessagesFileName), w => WriteMessages(w, sorted), cancellationToken);
        await AtomicFile.WriteAsync(Path.Combine(directory, SamplesFileName), w => WriteSamplesCsv(w, sorted), cancellationToken);
    }

    /// <summary>The instruction of a training row: the vanilla prompt's single user message.</summary>
    public string Instruction(SampleOutcome outcome) => prompts.Vanilla(outcome.Sample).Single().Content;

    public static string Output(SampleOutcome outcome) => "Answer: " + outcome.FinalLabel;

    /// <summary>The exported samples, in export order, as Alpaca records.</summary>
    public IReadOnlyList<AlpacaRecord> AlpacaRecords(IEnumerable<SampleOutcome> outcomes) =>
        OutcomeOrder.Sort(Exported(outcomes)).Select(o => new AlpacaRecord(Instruction(o), "", Output(o))).ToArray();

    public string AlpacaJson(IEnumerable<SampleOutcome> outcomes) =>
        JsonSerializer.Serialize(AlpacaRecords(outcomes), CoreJson.Indented) + "\n";

    public async Task WriteMessages(TextWriter writer, IEnumerable<SampleOutcome> outcomes)
    {
        foreach (var outcome in OutcomeOrder.Sort(Exported(outcomes)))
        {
            var line = new JsonObject
            {
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "user", ["content"] = Instruction(outcome) },
                    new JsonObject { ["role"] = "assistant", ["content"] = Output(outcome) }),
            };
            await writer.WriteAsync(line.ToJsonString(CoreJson.Compact));
            await writer.WriteAsync('\n');
        }
    }

    public static async Task WriteSamplesCsv(TextWriter writer, IEnumerable<SampleOutcome> outcomes)
    {
        await writer.WriteAsync(CsvFormat.Row(SamplesColumns));
        foreach (var o in OutcomeOrder.Sort(outcomes))
            await writer.WriteAsync(CsvFormat.Row(SamplesRow(o)));
    }

    /// <summary>One row of <c>samples.csv</c>, in <see cref="SamplesColumns"/> order; empty cells for absent values.</summary>
    public static IReadOnlyList<string?> SamplesRow(SampleOutcome o) =>
    [
        o.Sample.Id, CsvFormat.Number(o.Sample.Line), o.Sample.Question, o.Sample.Label,
        o.BaseResponse, o.BaseAnswer, o.ReasoningResponse, o.ReasoningAnswer,
        CsvFormat.Number(o.R), CsvFormat.Boolean(o.Clean), o.Neighbours is null ? null : string.Join(';', o.Neighbours),
        o.ContextResponse, o.ContextAnswer, o.ReviewResponse, o.ReviewLabel,
        CsvFormat.Number(o.Entropy), CsvFormat.Number(o.Rank), CsvFormat.Boolean(o.Selected),
        o.FinalLabel, o.State, o.Fault, o.UnlabeledReason,
    ];

    private static IEnumerable<SampleOutcome> Exported(IEnumerable<SampleOutcome> outcomes) =>
        outcomes.Where(o => o.Exported).Select(o => string.IsNullOrEmpty(o.FinalLabel)
            ? throw new InvalidOperationException($"sample '{o.Sample.Id}' (line {o.Sample.Line}) is exported without a final label")
            : o);
}
