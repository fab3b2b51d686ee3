namespace RobustFT.Core.Method;

/// <summary>The selection score of a response: H = −mean log p over its generated tokens.</summary>
public static class TokenEntropy
{
    /// <summary>Entropies are ranked, stored and printed rounded to this many decimals (1e-6), ties broken by sample id
    /// (<see cref="EntropySelector"/>). Batched float32 inference depends on batch composition: the same response
    /// generated in another batch (as a resumed run does) had log-probabilities a few 1e-7 off (measured with the tiny
    /// ONNX models in batches of 8), and no rounding precision hides that for a value near a rounding boundary. So the
    /// context answer, whose log-probabilities give this entropy, is scored alone
    /// (<c>GenerationOptions.ScoreAlone</c>): its numbers depend only on its tokens, and the rounding only fixes the
    /// precision that ranking, ties and files use.</summary>
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
