using MassTransit;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// Drives one run: starts (or re-drives, on resume) every sample, fires the two global barriers from per-state counts
/// read from the store, performs the global entropy ranking, and exports once every sample is terminal. All it keeps is
/// in the store, so any coordinator process can take over a run at any moment.
/// </summary>
public sealed class RunCoordinator(
    RunStore store,
    SqlSagaStore<SampleSaga> sagas,
    IPublishEndpoint bus,
    RunExporter exporter,
    CoordinatorOptions options,
    ILogger<RunCoordinator> logger)
{
    /// <summary>Runs the run to its end (completed, failed or cancelled) and returns its final record.</summary>
    public async Task<RunRecord> DriveAsync(string runId, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run '{runId}'");
        // Running time is the union of the segments of every process that drove the run (report.json wallSeconds).
        var segment = await store.StartSegmentAsync(runId, ct);
        await store.AdvancePhaseAsync(runId, RunPhase.Detecting, ct: ct);
        if (run.Phase != RunPhase.Cancelled) await RedriveAsync(runId, ct);

        var lastCounts = "";
        var lastChange = DateTimeOffset.UtcNow;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await store.TouchSegmentAsync(runId, segment, ct);
            run = await store.GetAsync(runId, ct) ?? throw new InvalidOperationException($"run '{runId}' disappeared");
            var states = await sagas.CountByStateAsync(runId, ct);
            progress?.Report(new RunProgress(runId, run.Phase, run.Samples, states, run.Paused, run.Threshold));

            if (run.Phase is RunPhase.Completed or RunPhase.Failed)
            {
                if (!run.Ended) await store.MarkEndedAsync(runId, ct);
                return (await store.GetAsync(runId, ct))!;
            }
            if (run.Phase == RunPhase.Cancelled)
            {
                if (BarrierDecision.Finished(run.Samples, states) || !await AnyWorkingAsync(runId, ct))
                {
                    await exporter.ExportAsync(runId, partial: true, ct);
                    await store.MarkEndedAsync(runId, ct);
                    return (await store.GetAsync(runId, ct))!;
                }
            }
            else if (run.Phase == RunPhase.Detecting && BarrierDecision.IndexReady(run.Samples, states))
            {
                logger.LogInformation("run {RunId}: every sample checked ({Clean} clean); first barrier passed", runId, states.GetValueOrDefault(SampleStates.Clean));
                if (await store.AdvancePhaseAsync(runId, RunPhase.Retrieving, ct: ct)) await ReleaseIndexAsync(runId, ct);
            }
            else if (run.Phase == RunPhase.Retrieving && BarrierDecision.SelectionReady(run.Samples, states))
            {
                logger.LogInformation("run {RunId}: every noisy sample relabeled; second barrier passed", runId);
                if (await store.AdvancePhaseAsync(runId, RunPhase.Selecting, ct: ct)) await SelectAsync(runId, ct);
            }
            else if (run.Phase == RunPhase.Selecting && BarrierDecision.Finished(run.Samples, states))
            {
                await store.AdvancePhaseAsync(runId, RunPhase.Exporting, ct: ct);
                await exporter.ExportAsync(runId, partial: false, ct);
                await store.AdvancePhaseAsync(runId, RunPhase.Completed, ct: ct);
                continue;
            }
            else if (run.Phase == RunPhase.Exporting)
            {
                await exporter.ExportAsync(runId, partial: false, ct);
                await store.AdvancePhaseAsync(runId, RunPhase.Completed, ct: ct);
                continue;
            }

            var fingerprint = string.Join(',', states.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")) + run.Phase;
            if (fingerprint != lastCounts) { lastCounts = fingerprint; lastChange = DateTimeOffset.UtcNow; }
            else if (!run.Paused && DateTimeOffset.UtcNow - lastChange > options.RedriveAfter)
            {
                logger.LogWarning("run {RunId}: no progress for {Seconds:F0}s; re-driving working samples", runId, options.RedriveAfter.TotalSeconds);
                await RedriveAsync(runId, ct);
                lastChange = DateTimeOffset.UtcNow;
            }
            await Task.Delay(options.PollInterval, ct);
        }
    }

    /// <summary>Sends <see cref="StartSample"/> to every sample without a saga or in a working state, and repeats the
    /// barrier messages of a barrier that already passed. Safe to repeat: sagas ignore what they do not expect.</summary>
    public async Task RedriveAsync(string runId, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run '{runId}'");
        var samples = await store.LoadSamplesAsync(runId, ct);
        var existing = (await sagas.ListIdsAsync(runId, SampleStates.All.ToArray(), ct)).ToHashSet();
        var waiting = (await sagas.ListIdsAsync(runId, SampleStates.Waiting.ToArray(), ct)).ToHashSet();
        var kicks = samples
            .Select(s => new StartSample(SampleIdentity.CorrelationId(runId, s.Id), runId, s.Id))
            .Where(k => !existing.Contains(k.CorrelationId) || !waiting.Contains(k.CorrelationId))
            .ToList();
        foreach (var chunk in kicks.Chunk(256)) await bus.PublishBatch(chunk, ct);
        if (run.Phase >= RunPhase.Retrieving && run.Phase < RunPhase.Completed) await ReleaseIndexAsync(runId, ct);
        if (run.Phase >= RunPhase.Selecting && run.Phase < RunPhase.Completed) await SelectAsync(runId, ct);
    }

    private async Task<bool> AnyWorkingAsync(string runId, CancellationToken ct) =>
        (await sagas.ListIdsAsync(runId, SampleStates.Working.ToArray(), ct)).Count > 0;

    private async Task ReleaseIndexAsync(string runId, CancellationToken ct)
    {
        var waiting = await sagas.ListIdsAsync(runId, [SampleStates.AwaitingIndex], ct);
        foreach (var chunk in waiting.Select(id => new IndexReady(id, runId)).Chunk(256)) await bus.PublishBatch(chunk, ct);
    }

    /// <summary>Global entropy ranking over every relabeled sample, those without a valid label included (decided ones
    /// too, so a repeated selection after a crash gives the same verdicts), then a verdict to each sample still waiting.
    /// A run without selection (ablation) ranks nothing and has no threshold.</summary>
    private async Task SelectAsync(string runId, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct) ?? throw new InvalidOperationException($"unknown run '{runId}'");
        if (!run.Settings.Method.Ablations.Selects) return;
        var relabeled = new List<SampleSaga>();
        foreach (var state in new[] { SampleStates.AwaitingSelection, SampleStates.Selected, SampleStates.Dropped, SampleStates.Unlabeled })
            relabeled.AddRange(await sagas.ListAsync(runId, state, ct));
        var result = EntropySelector.Select(relabeled.Select(s => new EntropyScore(s.SampleId, s.Entropy ?? double.PositiveInfinity)).ToList(), run.Settings.Method.Beta);
        await store.SetThresholdAsync(runId, result.Threshold, ct);
        logger.LogInformation("run {RunId}: {Selected} of {Relabeled} relabeled samples selected (entropy threshold {Threshold:F4})",
            runId, result.SelectedCount, relabeled.Count, result.Threshold);
        var verdicts = relabeled
            .Where(s => s.CurrentState == SampleStates.AwaitingSelection)
            .Select(s => new SelectionDecided(s.CorrelationId, result.Decisions[s.SampleId].Rank, result.Decisions[s.SampleId].Selected, result.Threshold));
        foreach (var chunk in verdicts.Chunk(256)) await bus.PublishBatch(chunk, ct);
    }
}
