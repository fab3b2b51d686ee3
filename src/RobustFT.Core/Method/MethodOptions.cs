using RobustFT.Core.Answers;

namespace RobustFT.Core.Method;

/// <summary>The method's knobs (config <c>robustft.method.*</c>; the defaults live in <c>hocon/robustft.conf</c> only).</summary>
/// <param name="Beta">Fraction of relabeled samples kept by entropy selection, in (0, 1].</param>
/// <param name="K">Clean neighbours retrieved per noisy sample, at least 1.</param>
/// <param name="Checker">Clean/noisy rule.</param>
/// <param name="Threshold">For <see cref="CheckerRule.Threshold"/>: minimum r of a clean sample.</param>
/// <param name="ReasoningRounds">Rounds of reasoning + self-reflection of the reasoning expert, at least 1.</param>
/// <param name="Seed">Seed of all sampling, combined per (sample, step).</param>
/// <param name="AnswerMatching">How the checker compares answers with labels and how a new label is accepted.</param>
public sealed record MethodOptions(
    double Beta,
    int K,
    CheckerRule Checker,
    double Threshold,
    int ReasoningRounds,
    long Seed,
    AnswerMatching AnswerMatching)
{
    /// <summary>Parts of the method switched off (the paper's ablations); none by default.</summary>
    public Ablations Ablations { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the config key of the first invalid value.</summary>
    public void Validate()
    {
        if (Beta is <= 0 or > 1 || double.IsNaN(Beta))
            throw new ArgumentException($"robustft.method.beta must be within (0, 1], got {Beta}");
        if (K < 1) throw new ArgumentException($"robustft.method.k must be at least 1, got {K}");
        if (Threshold is < 0 or > 1) throw new ArgumentException($"robustft.method.threshold must be within [0, 1], got {Threshold}");
        if (ReasoningRounds < 1) throw new ArgumentException($"robustft.method.reasoning-rounds must be at least 1, got {ReasoningRounds}");
    }
}
