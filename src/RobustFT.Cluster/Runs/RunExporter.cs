using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;

namespace RobustFT.Cluster.Runs;

/// <summary>Writes a run's outputs from the store: the training sets (clean ∪ selected), samples.csv with every
/// sample's lineage, and report.json. Output files depend only on stored state, so a resumed run exports exactly what
/// an uninterrupted one does.</summary>
public sealed class RunExporter(RunStore store, SqlSagaStore<SampleSaga> sagas, ILogger<RunExporter> logger)
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

    /// <summary>Every ingested sample with what the method made of it; samples without a saga appear as not started.</summary>
    public async Task<IReadOnlyList<SampleOutcome>> OutcomesAsync(string runId, CancellationToken ct)
    {
        var samples = await store.LoadSamplesAsync(runId, ct);
        var byId = (await sagas.ListAsync(runId, ct: ct)).ToDictionary(s => s.SampleId, StringComparer.Ordinal);
        return samples.Select(sample => byId.TryGetValue(sample.Id, out var saga) ? ToOutcome(sample, saga) : new SampleOutcome(sample, "NotStarted")).ToList();
    }

    public static SampleOutcome ToOutcome(Core.Samples.Sample sample, SampleSaga saga) => new(sample, saga.CurrentState)
    {
        BaseResponse = saga.BaseResponse,
        BaseAnswer = saga.BaseAnswer,
        ReasoningResponse = saga.ReasoningResponses.LastOrDefault(),
        ReasoningAnswer = saga.ReasoningAnswer,
        R = saga.Consistency,
        Clean = saga.Clean,
        Neighbours = saga.Neighbours,
        ContextResponse = saga.ContextResponse,
        ContextAnswer = saga.ContextAnswer,
        ReviewResponse = saga.ReviewResponse,
        ReviewLabel = saga.ReviewLabel,
        Entropy = saga.Entropy,
        Rank = saga.Rank,
        Selected = saga.Selected,
        FinalLabel = saga.FinalLabel,
        Exported = saga.CurrentState is SampleStates.Clean or SampleStates.Selected,
        Fault = saga.FaultReason,
        UnlabeledReason = saga.UnlabeledReason,
    };
}
