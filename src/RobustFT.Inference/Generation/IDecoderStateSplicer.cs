namespace RobustFT.Inference.Generation;

/// <summary>A KV-cache step that can build a batch's cache from rows of other caches without recomputing them, so
/// iteration-level batching admits waiting requests by prefilling only those. Each source row's positions are
/// right-aligned in the new cache (left padding, zero-filled, masked out by the caller).</summary>
public interface IDecoderStateSplicer
{
    /// <summary>Whether splicing is possible here (e.g. the cache lives in host memory).</summary>
    bool CanSplice { get; }

    /// <param name="rows">For each row of the new cache: the state it comes from and its row in that state.</param>
    /// <param name="length">The new cache's length (at least every source's length).</param>
    /// <param name="reserveLength">How long the new cache is expected to grow.</param>
    IDecoderState Splice(IReadOnlyList<(IDecoderState State, int Row)> rows, int length, int reserveLength);
}
