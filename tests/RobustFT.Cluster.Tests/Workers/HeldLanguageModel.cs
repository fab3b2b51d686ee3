using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A language model over <see cref="HeldModelCalls"/>: each call waits until the test answers it; request
/// "sample/step" is answered with <see cref="HeldModelCalls.AnswerFor"/> of that, two tokens.</summary>
public sealed class HeldLanguageModel(HeldModelCalls calls) : ILanguageModel
{
    public string ModelId => "m";

    public static string Key(string sampleId, string step) => $"{sampleId}/{step}";

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        var answers = await calls.CallAsync(batch.Select(r => Key(r.SampleId, r.Step)).ToList(), cancellationToken);
        return answers.Select(a => new GenerationResult(a, [7, 8], [-0.5f, -0.25f], "stop")).ToList();
    }
}
