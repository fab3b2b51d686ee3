using Microsoft.Extensions.Logging;
using RobustFT.Core.Datasets;

namespace RobustFT.Cluster.Runs;

/// <summary>Reads a run's input into the store once: valid rows become samples, malformed rows go to rejects.jsonl
/// with file, line and reason. Repeating it (after a crash mid-ingestion) inserts only what is missing.</summary>
public sealed class RunIngestor(RunStore store, ILogger<RunIngestor> logger)
{
    public async Task<RunRecord> IngestAsync(RunSettings settings, CancellationToken ct)
    {
        var run = await store.CreateOrGetAsync(settings, ct);
        if (run.Settings.Fingerprint() != settings.Fingerprint())
            throw new RunConflictException(
                $"run '{settings.RunId}' already exists in this store with other settings (input, task, method, prompts or model differ); " +
                "use another --run-id or --output, or rerun with the original settings to resume it");
        if (run.Phase > RunPhase.Ingesting || (run.Samples > 0 && await store.CountSamplesAsync(run.RunId, ct) == run.Samples))
            return run;

        var read = DatasetReader.Read(settings.InputPath);
        Directory.CreateDirectory(settings.OutputDirectory);
        await RejectsWriter.WriteAsync(Path.Combine(settings.OutputDirectory, RejectsWriter.FileName), read.Rejects, ct);
        foreach (var reject in read.Rejects.Take(20))
            logger.LogWarning("{File}:{Line}: rejected ({Field}): {Reason}", reject.File, reject.Line, reject.Field, reject.Reason);
        await store.InsertSamplesAsync(run.RunId, read.Samples, ct);
        await store.SetIngestedAsync(run.RunId, read.Samples.Count, read.Rejects.Count, ct);
        return (await store.GetAsync(run.RunId, ct))!;
    }
}
