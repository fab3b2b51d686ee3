using System.Collections.Concurrent;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A fake model that records every batch it is given and answers "Answer: X (step)" with three tokens; a
/// request of a sample listed in <see cref="FailingSamples"/> gets a per-request error instead.</summary>
public sealed class RecordingLanguageModel : ILanguageModel
{
    public static readonly float[] Logprobs = [-0.1f, -0.2f, -0.3f];

    private readonly ConcurrentQueue<IReadOnlyList<GenerationRequest>> _batches = new();

    public string ModelId => "m";

    public HashSet<string> FailingSamples { get; } = new(StringComparer.Ordinal);

    /// <summary>Every batch received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<GenerationRequest>> Batches => _batches.ToList();

    public static string TextFor(string sampleId, string step) => $"Answer: {sampleId} ({step})";

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        _batches.Enqueue(batch.ToList());
        IReadOnlyList<GenerationResult> results = batch
            .Select(r => FailingSamples.Contains(r.SampleId)
                ? GenerationResult.Failed("prompt longer than the context window")
                : new GenerationResult(TextFor(r.SampleId, r.Step), [1, 2, 3], Logprobs, "stop"))
            .ToList();
        return Task.FromResult(results);
    }
}
