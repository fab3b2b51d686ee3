using System.Collections.Concurrent;
using RobustFT.Cluster.Samples;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>Wraps a language model and records every request it is asked, so a test can count the calls per step and
/// read the prompts that were sent.</summary>
public sealed class StepCountingModel(ILanguageModel inner) : ILanguageModel
{
    private readonly ConcurrentQueue<GenerationRequest> _requests = new();

    public string ModelId => inner.ModelId;

    public IReadOnlyList<GenerationRequest> Requests => _requests.ToList();

    /// <summary>Calls of <paramref name="step"/>; "reasoning" counts every reasoning round.</summary>
    public int Calls(string step) => _requests.Count(r => step == SampleSteps.Reasoning ? SampleSteps.IsReasoning(r.Step) : r.Step == step);

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var request in batch) _requests.Enqueue(request);
        return inner.GenerateAsync(batch, cancellationToken);
    }
}
