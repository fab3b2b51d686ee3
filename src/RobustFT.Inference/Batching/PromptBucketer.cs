namespace RobustFT.Inference.Batching;

/// <summary>Cuts one model call out of the waiting requests: at most <see cref="MaxBatchSize"/> requests and at most
/// <see cref="MaxBatchTokens"/> padded tokens (longest prompt + new tokens, times the call's size). Requests of similar
/// length go together (less padding): the call takes its first request's power-of-two length bucket first, and fills
/// the room that bucket leaves from the nearest buckets, within the token budget — a call that ran nearly empty would
/// cost the device almost what a full one does (a decode step of 2 rows costs about one of 32).</summary>
public sealed record PromptBucketer(int MaxBatchSize, int MaxBatchTokens)
{
    /// <summary>The indices of one call that holds request <paramref name="first"/> (the oldest waiting one), ordered by
    /// length: <paramref name="first"/>'s bucket in arrival order, then the nearest other buckets (closest bucket first,
    /// then arrival order), each request taken while the call has room and its padded tokens stay within the budget. A
    /// request longer than the budget alone still gets a call of its own.</summary>
    /// <param name="tokenCounts">Each waiting request's prompt + new-token budget, in arrival order.</param>
    public IReadOnlyList<int> Fill(IReadOnlyList<int> tokenCounts, int first)
    {
        if (MaxBatchSize < 1) throw new InvalidOperationException($"max-batch-size must be at least 1, got {MaxBatchSize}");
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(first, tokenCounts.Count);
        var home = Bucket(tokenCounts[first]);
        var call = new List<int> { first };
        var longest = tokenCounts[first];
        var candidates = Enumerable.Range(0, tokenCounts.Count)
            .Where(i => i != first)
            .OrderBy(i => Math.Abs(Bucket(tokenCounts[i]) - home))
            .ThenBy(i => i);
        foreach (var i in candidates)
        {
            if (call.Count >= MaxBatchSize) break;
            var padded = Math.Max(longest, tokenCounts[i]);
            if ((long)padded * (call.Count + 1) > MaxBatchTokens) continue;
            call.Add(i);
            longest = padded;
        }
        return call.OrderBy(i => tokenCounts[i]).ThenBy(i => i).ToList();
    }

    /// <summary>Power-of-two length bucket: 0–64 tokens, 65–128, 129–256, …</summary>
    public static int Bucket(int tokens) => tokens <= 64 ? 0 : (int)Math.Ceiling(Math.Log2(tokens / 64.0));
}
