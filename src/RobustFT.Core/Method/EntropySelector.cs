namespace RobustFT.Core.Method;

/// <summary>Context-enhanced selection: keep the relabeled samples whose entropy is strictly below the β-quantile.</summary>
public static class EntropySelector
{
    /// <summary>The q-quantile of the values with linear interpolation (NumPy's default <c>percentile</c>).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        if (q is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q), q, "quantile must be within [0, 1]");
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /// <summary>Ranks all scores by ascending entropy rounded to <see cref="TokenEntropy.Decimals"/> decimals (ties, equal
    /// rounded entropies, broken by ordinal sample id, so the result does not depend on input order) and keeps those whose
    /// rounded entropy is strictly below the β-quantile of the rounded entropies: samples tied at the threshold are all
    /// dropped. With β = 1 every sample is kept.</summary>
    public static SelectionResult Select(IReadOnlyList<EntropyScore> scores, double beta)
    {
        if (beta is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be within (0, 1]");
        if (scores.Count == 0) return new SelectionResult(double.NaN, new Dictionary<string, SelectionDecision>());
        scores = scores.Select(s => s with { Entropy = TokenEntropy.Round(s.Entropy) }).ToArray();
        var threshold = Quantile(scores.Select(s => s.Entropy).ToArray(), beta);
        var ranked = scores.OrderBy(s => s.Entropy).ThenBy(s => s.SampleId, StringComparer.Ordinal).ToArray();
        var decisions = new Dictionary<string, SelectionDecision>(ranked.Length);
        for (var i = 0; i < ranked.Length; i++)
        {
            var keep = beta >= 1 || ranked[i].Entropy < threshold;
            decisions[ranked[i].SampleId] = new SelectionDecision(i + 1, keep);
        }
        return new SelectionResult(threshold, decisions);
    }
}
