using System.Text.Json;
using System.Text.Json.Serialization;
using RobustFT.Core.Datasets;
using RobustFT.Core.Method;

namespace RobustFT.Core.Reports;

/// <summary>The summary of a run (<c>report.json</c>). <see cref="Threshold"/> is the entropy-selection threshold, null
/// when no sample reached selection; <see cref="Detection"/> and <see cref="LabelAccuracy"/> appear only when gold
/// labels were given.</summary>
public sealed record RunReport
{
    public const string FileName = "report.json";

    public required string RunId { get; init; }
    public required string Task { get; init; }
    public int Samples { get; init; }
    public int Rejected { get; init; }
    public int Clean { get; init; }
    public int Noisy { get; init; }
    public int Relabeled { get; init; }
    public int Selected { get; init; }
    public int Exported { get; init; }
    /// <summary>Relabeled samples without a valid label (state Unlabeled): a method outcome, never exported.</summary>
    public int Unlabeled { get; init; }
    public int Faulted { get; init; }
    public double? Threshold { get; init; }
    public long CacheHits { get; init; }
    public long InferenceCalls { get; init; }

    /// <summary>Seconds the run was actually running (summed over its running segments; dead time between a kill and a
    /// resume is not counted).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Seconds since the run was created, dead time included.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Samples per running second (<see cref="WallSeconds"/>).</summary>
    public double SamplesPerSecond { get; init; }

    /// <summary>True when the run was cancelled: unfinished samples are not exported and show their last state in
    /// samples.csv.</summary>
    public bool Partial { get; init; }

    /// <summary>The method's settings, ablations included, that produced this run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MethodOptions? Method { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DetectionMetrics? Detection { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelAccuracy? LabelAccuracy { get; init; }

    /// <summary>Counts every figure from the outcomes: clean/noisy by the checker's verdict, relabeled = noisy with a new
    /// label, unlabeled = noisy whose relabeling gave no valid label (never also counted relabeled), selected, exported,
    /// faulted = has a fault. Adds gold metrics when <paramref name="gold"/> is given.</summary>
    public static RunReport FromOutcomes(
        string runId, Tasks.TaskProfile task, IReadOnlyCollection<SampleOutcome> outcomes, int rejected, double? threshold,
        long cacheHits, long inferenceCalls, RunTime time, Answers.AnswerMatching matching, IReadOnlyDictionary<string, string>? gold = null)
    {
        var metrics = gold is null ? null : GoldEvaluation.Evaluate(outcomes, gold, task, matching);
        return new RunReport
        {
            RunId = runId,
            Task = task.Name,
            Samples = outcomes.Count,
            Rejected = rejected,
            Clean = outcomes.Count(o => o.Clean == true),
            Noisy = outcomes.Count(o => o.Clean == false),
            Relabeled = outcomes.Count(o => o.Clean == false && o.FinalLabel is not null),
            Selected = outcomes.Count(o => o.Selected == true),
            Exported = outcomes.Count(o => o.Exported),
            Unlabeled = outcomes.Count(o => o.State == "Unlabeled"),
            Faulted = outcomes.Count(o => o.Fault is not null),
            Threshold = threshold is { } t && double.IsFinite(t) ? t : null,
            CacheHits = cacheHits,
            InferenceCalls = inferenceCalls,
            WallSeconds = time.RunningSeconds,
            ElapsedSeconds = time.ElapsedSeconds,
            SamplesPerSecond = time.RunningSeconds > 0 ? outcomes.Count / time.RunningSeconds : 0,
            Detection = metrics?.Detection,
            LabelAccuracy = metrics?.LabelAccuracy,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, CoreJson.Indented) + "\n";

    public static RunReport FromJson(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, CoreJson.Indented)
        ?? throw new JsonException("report.json holds null");

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, ToJson(), cancellationToken);
}
