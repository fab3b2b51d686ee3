namespace RobustFT.Inference.Batching;

/// <summary>Cuts a set of requests into model batches: requests of similar prompt length go together (less padding),
/// and a batch is cut at <see cref="MaxBatchSize"/> requests or <see cref="MaxBatchTokens"/> padded tokens
/// (longest prompt + new tokens, times the batch size).</summary>
public sealed record PromptBucketer(int MaxBatchSize, int MaxBatchTokens)
{
    /// <summary>Groups request indices; <paramref name="tokenCounts"/> holds each request's prompt + new-token budget.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Split(IReadOnlyList<int> tokenCounts)
    {
        if (MaxBatchSize < 1) throw new InvalidOperationException($"max-batch-size must be at least 1, got {MaxBatchSize}");
        var order = Enumerable.Range(0, tokenCounts.Count).OrderBy(i => Bucket(tokenCounts[i])).ThenBy(i => tokenCounts[i]).ThenBy(i => i);
        var batches = new List<IReadOnlyList<int>>();
        var current = new List<int>();
        var longest = 0;
        foreach (var i in order)
        {
            var candidateLongest = Math.Max(longest, tokenCounts[i]);
            var full = current.Count >= MaxBatchSize || (current.Count > 0 && candidateLongest * (current.Count + 1) > MaxBatchTokens);
            if (full || (current.Count > 0 && Bucket(tokenCounts[i]) != Bucket(tokenCounts[current[0]])))
            {
                batches.Add(current);
                current = [];
                candidateLongest = tokenCounts[i];
            }
            current.Add(i);
            longest = candidateLongest;
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }

    /// <summary>Power-of-two length bucket: 0–64 tokens, 65–128, 129–256, …</summary>
    public static int Bucket(int tokens) => tokens <= 64 ? 0 : (int)Math.Ceiling(Math.Log2(tokens / 64.0));
}
