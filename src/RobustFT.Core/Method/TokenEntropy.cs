namespace RobustFT.Core.Method;

/// <summary>The selection score of a response: H = −mean log p over its generated tokens.</summary>
public static class TokenEntropy
{
    /// <summary>Entropies are ranked, stored and printed rounded to this many decimals (1e-6). Batched floating point
    /// depends on batch composition, so the same response recomputed in another batch (after a resume) differs around
    /// the 7th decimal; rounding keeps a resumed run's ranking and <c>samples.csv</c> equal to an uninterrupted run's.</summary>
    public const int Decimals = 6;

    /// <summary><see cref="FromLogprobs"/> rounded to <see cref="Decimals"/> (midpoints away from zero).</summary>
    public static double Rounded(IReadOnlyList<float> logprobs) => Round(FromLogprobs(logprobs));

    public static double Round(double entropy) => Math.Round(entropy, Decimals, MidpointRounding.AwayFromZero);

    /// <exception cref="ArgumentException">No tokens: a response without tokens has no defined entropy.</exception>
    public static double FromLogprobs(IReadOnlyList<float> logprobs)
    {
        ArgumentNullException.ThrowIfNull(logprobs);
        if (logprobs.Count == 0) throw new ArgumentException("a response needs at least one generated token", nameof(logprobs));
        double sum = 0;
        foreach (var lp in logprobs) sum += lp;
        return -sum / logprobs.Count;
    }
}
