using System.Security.Cryptography;
using System.Text;
using RobustFT.Core.Samples;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Testing.Scripted;

/// <summary>
/// A test-only expert: answers each (sample, step) from the gold labels, wrong with probability
/// <see cref="ErrorRate"/> (a deterministic hash decides, so reruns agree). Its token log-probabilities are
/// correlated with correctness — a right answer is confident, a wrong one is not — the property entropy selection
/// relies on. The review agent repeats the context-enhanced answer.
/// </summary>
public sealed class ScriptedExpertModel(IReadOnlyList<Sample> gold, double errorRate, TimeSpan delayPerBatch = default) : ILanguageModel
{
    private readonly Dictionary<string, Sample> _gold = gold.ToDictionary(s => s.Id, StringComparer.Ordinal);
    private int _calls;

    public double ErrorRate { get; } = errorRate;
    public string ModelId => $"scripted-expert(error={ErrorRate:R})";
    public int Calls => Volatile.Read(ref _calls);

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _calls, batch.Count);
        if (delayPerBatch > TimeSpan.Zero) await Task.Delay(delayPerBatch, cancellationToken);
        return batch.Select(Answer).ToList();
    }

    private GenerationResult Answer(GenerationRequest request)
    {
        if (!_gold.TryGetValue(request.SampleId, out var sample))
            return GenerationResult.Failed($"scripted model has no gold label for sample '{request.SampleId}'");
        if (request.Step == "checker")
        {
            return Respond("Answer: Y", correct: true, request);
        }
        var step = request.Step == "review" ? "context" : request.Step;
        var correct = Unit(sample.Id, step, "error") >= ErrorRate;
        var letter = correct ? sample.Label : WrongLetter(sample, step);
        return Respond($"Let me think about the options step by step.\nAnswer: {letter}", correct, request with { Step = step });
    }

    private static GenerationResult Respond(string text, bool correct, GenerationRequest request)
    {
        const int tokens = 8;
        // Mean log-probability: about −0.15 when right, about −0.9 when wrong, with per-sample jitter.
        var mean = correct ? -0.05 - 0.25 * Unit(request.SampleId, request.Step, "lp") : -0.6 - 0.6 * Unit(request.SampleId, request.Step, "lp");
        var logprobs = Enumerable.Range(0, tokens).Select(i => (float)(mean + 0.02 * (i % 3 - 1))).ToArray();
        return new GenerationResult(text, Enumerable.Range(1, tokens).ToArray(), logprobs, "eos");
    }

    private static string WrongLetter(Sample sample, string step)
    {
        var count = Math.Max(2, sample.Options.Count);
        var others = Enumerable.Range(0, count).Select(i => ((char)('A' + i)).ToString()).Where(l => l != sample.Label).ToList();
        return others[(int)(Unit(sample.Id, step, "wrong") * others.Count) % others.Count];
    }

    /// <summary>A deterministic number in [0, 1) for (sample, step, purpose).</summary>
    public static double Unit(string sampleId, string step, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{sampleId}|{step}|{purpose}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) * (1.0 / (1UL << 53));
    }
}
