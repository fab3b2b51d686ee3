using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;

namespace RobustFT.Cluster.Runs;

/// <summary>Writes a run's outputs from the store: the training sets (clean ∪ selected), samples.csv with every
/// sample's lineage, and report.json. Output files depend only on stored state, so a resumed run exports exactly what
/// an uninterrupted one does.</summary>
public sealed class RunExporter(RunStore store, SampleReadModel samples, ILogger<RunExporter> logger)
{
    public async Task<RunReport> ExportAsync(string runId, bool partial, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run '{runId}'");
        var outcomes = await OutcomesAsync(runId, ct);
        var directory = run.Settings.OutputDirectory;
        Directory.CreateDirectory(directory);
        var exporter = new TrainingExporter(new Core.Prompts.PromptBuilder(run.Settings.Task, run.Settings.Prompts));
        await exporter.ExportAllAsync(directory, outcomes, ct);

        var totals = await store.GetInferenceTotalsAsync(runId, ct);
        var gold = run.Settings.GoldPath is { } goldPath ? GoldEvaluation.LoadGold(goldPath) : null;
        var time = new RunTime((await store.GetRunningTimeAsync(runId, ct)).TotalSeconds, (DateTimeOffset.UtcNow - run.CreatedAt).TotalSeconds);
        var report = RunReport.FromOutcomes(runId, run.Settings.Task, outcomes, run.Rejected, run.Threshold,
            totals.CacheHits, totals.Calls, time, run.Settings.Method.AnswerMatching, gold) with { Partial = partial, Method = run.Settings.Method };
        await report.WriteAsync(Path.Combine(directory, RunReport.FileName), ct);
        logger.LogInformation("run {RunId}: exported {Exported} of {Samples} samples to {Directory}{Partial}",
            runId, report.Exported, report.Samples, directory, partial ? " (partial: run cancelled)" : "");
        return report;
    }

    /// <summary>Every ingested sample with what the method made of it; samples without a record appear as not started.</summary>
    public async Task<IReadOnlyList<SampleOutcome>> OutcomesAsync(string runId, CancellationToken ct)
    {
        var inputs = await store.LoadSamplesAsync(runId, ct);
        var byId = (await samples.ListAsync(runId, ct: ct)).ToDictionary(s => s.SampleId, StringComparer.Ordinal);
        return inputs.Select(sample => byId.TryGetValue(sample.Id, out var record) ? ToOutcome(sample, record) : new SampleOutcome(sample, "NotStarted")).ToList();
    }

    public static SampleOutcome ToOutcome(Core.Samples.Sample sample, SampleRecord record) => new(sample, record.CurrentState)
    {
        BaseResponse = record.BaseResponse,
        BaseAnswer = record.BaseAnswer,
        ReasoningResponse = record.ReasoningResponses.LastOrDefault(),
        ReasoningAnswer = record.ReasoningAnswer,
        R = record.Consistency,
        Clean = record.Clean,
        Neighbours = record.Neighbours,
        ContextResponse = record.ContextResponse,
        ContextAnswer = record.ContextAnswer,
        ReviewResponse = record.ReviewResponse,
        ReviewLabel = record.ReviewLabel,
        Entropy = record.Entropy,
        Rank = record.Rank,
        Selected = record.Selected,
        FinalLabel = record.FinalLabel,
        Exported = record.CurrentState is SampleStates.Clean or SampleStates.Selected,
        Fault = record.FaultReason,
        UnlabeledReason = record.UnlabeledReason,
    };
}
