namespace RobustFT.Core.Method;

/// <summary>The selection score of a response: H = −mean log p over its generated tokens.</summary>
public static class TokenEntropy
{
    /// <summary>Entropies are ranked, stored and printed rounded to this many decimals (1e-4). Batched float32 inference
    /// depends on batch composition, so the same response recomputed in another batch (after a resume) has an entropy
    /// a few 1e-7 off (measured with the tiny ONNX models, batches of 8: rounded to 1e-6, 5 to 10 of 60 samples.csv rows
    /// still differed per resume; rounded to 1e-4, none in 8 resumes). A flip needs a value within that noise of a
    /// rounding boundary: rare at 1e-4, not impossible; only batch-invariant inference excludes it.</summary>
    public const int Decimals = 4;

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
