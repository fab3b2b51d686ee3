using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Runs;

/// <summary>A run's immutable inputs, loaded once per process: settings, samples by id, prompt builder.</summary>
public sealed class RunContext(RunSettings settings, IReadOnlyList<Sample> samples)
{
    private readonly Dictionary<string, Sample> _byId = samples.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public RunSettings Settings { get; } = settings;
    public IReadOnlyList<Sample> Samples { get; } = samples;
    public PromptBuilder Prompts { get; } = new(settings.Task, settings.Prompts);

    public Sample Sample(string sampleId) =>
        _byId.TryGetValue(sampleId, out var s) ? s : throw new KeyNotFoundException($"run {Settings.RunId} has no sample '{sampleId}'");
}
