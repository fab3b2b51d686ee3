using RobustFT.Core.Randomness;
using System.Buffers;
using System.Numerics.Tensors;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Inference.Generation;

/// <summary>Chooses the next token from one row of logits: greedy at temperature 0, otherwise temperature, top-k and
/// top-p (nucleus) sampling with the request's own <see cref="SplitMix64"/>. The reported log-probability is always that
/// of the model's distribution (log-softmax of the raw logits), whatever the decoding parameters.</summary>
public static class TokenSampler
{
    public static SampledToken Choose(ReadOnlySpan<float> logits, GenerationOptions options, SplitMix64 random, bool computeEntropy)
    {
        var argmax = TensorPrimitives.IndexOfMax(logits);
        var chosen = options.Temperature <= 0 ? argmax : Sample(logits, logits[argmax], options, random);
        return Score(logits, chosen, computeEntropy, argmax);
    }

    /// <summary>The log-probability of <paramref name="token"/> under the raw logits (and the distribution's entropy),
    /// without choosing: for scoring a token that was already generated.</summary>
    public static SampledToken Score(ReadOnlySpan<float> logits, int token, bool computeEntropy) =>
        Score(logits, token, computeEntropy, TensorPrimitives.IndexOfMax(logits));

    private static SampledToken Score(ReadOnlySpan<float> logits, int token, bool computeEntropy, int argmax)
    {
        var max = logits[argmax];
        var rented = ArrayPool<float>.Shared.Rent(logits.Length);
        try
        {
            // shifted = exp(logits - max); log-sum-exp = max + log(sum(shifted)).
            var shifted = rented.AsSpan(0, logits.Length);
            TensorPrimitives.Subtract(logits, max, shifted);
            TensorPrimitives.Exp(shifted, shifted);
            double sum = TensorPrimitives.Sum<float>(shifted);
            var logSumExp = max + Math.Log(sum);

            // H = -Σ p·(l - lse) = lse - Σ p·l, with p = shifted / sum.
            var entropy = computeEntropy ? (float)(logSumExp - TensorPrimitives.Dot(shifted, logits) / sum) : float.NaN;
            return new SampledToken(token, (float)(logits[token] - logSumExp), entropy);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static int Sample(ReadOnlySpan<float> logits, float max, GenerationOptions options, SplitMix64 random)
    {
        var vocab = logits.Length;
        var inverseTemperature = 1 / options.Temperature;
        var restrictK = options.TopK > 0 && options.TopK < vocab;
        var restrictP = options.TopP < 1;
        if (!restrictK && !restrictP)
        {
            double total = 0;
            foreach (var l in logits) total += Math.Exp((l - max) * inverseTemperature);
            var target = random.NextDouble() * total;
            double cumulative = 0;
            for (var i = 0; i < vocab; i++)
            {
                cumulative += Math.Exp((logits[i] - max) * inverseTemperature);
                if (cumulative > target) return i;
            }
            return vocab - 1;
        }

        var order = new int[vocab];
        for (var i = 0; i < vocab; i++) order[i] = i;
        var keys = logits.ToArray();
        // Descending logits, ties by lower id: sort ascending on the negated logit with the index as tie-break.
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var keep = restrictK ? options.TopK : vocab;
        var weights = new double[keep];
        double kept = 0;
        for (var i = 0; i < keep; i++) kept += weights[i] = Math.Exp((keys[order[i]] - max) * inverseTemperature);
        if (restrictP)
        {
            double cumulative = 0;
            for (var i = 0; i < keep; i++)
            {
                cumulative += weights[i];
                if (cumulative >= options.TopP * kept) { keep = i + 1; break; }
            }
            kept = cumulative;
        }
        var draw = random.NextDouble() * kept;
        double running = 0;
        for (var i = 0; i < keep; i++)
        {
            running += weights[i];
            if (running > draw) return order[i];
        }
        return order[keep - 1];
    }
}
