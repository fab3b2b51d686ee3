namespace RobustFT.Core.Method;

/// <summary>The selection score of a response: H = −mean log p over its generated tokens.</summary>
public static class TokenEntropy
{
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
