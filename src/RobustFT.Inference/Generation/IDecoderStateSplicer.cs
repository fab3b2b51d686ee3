namespace RobustFT.Inference.Generation;

/// <summary>A KV-cache step that can build a batch's cache from rows of other caches without recomputing them, so
/// iteration-level batching admits waiting requests by prefilling only those. Each row keeps the last positions of its
/// source row (its real tokens, without the padding it had there), right-aligned in the new cache (left padding,
/// zero-filled, masked out by the caller).</summary>
public interface IDecoderStateSplicer
{
    /// <summary>Whether splicing is possible here (e.g. the cache lives in host memory).</summary>
    bool CanSplice { get; }

    /// <param name="rows">For each row of the new cache: the state it comes from, its row in that state and how many of
    /// that row's last positions to keep.</param>
    /// <param name="length">The new cache's length (at least every source's length).</param>
    /// <param name="reserveLength">How long the new cache is expected to grow.</param>
    IDecoderState Splice(IReadOnlyList<(IDecoderState State, int Row, int Positions)> rows, int length, int reserveLength);
}
