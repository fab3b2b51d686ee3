using RobustFT.Inference.Generation;

namespace RobustFT.Inference.Backends;

/// <summary>The present keys/values of one decoder call: <paramref name="length"/> positions written by ORT into side
/// <paramref name="side"/> of <paramref name="arena"/>, read as the next call's past in place. Disposing it releases
/// its reference to the arena (once).</summary>
internal sealed class OnnxKvState(KvArena arena, int side, int length) : IDecoderState
{
    private int _disposed;

    public KvArena Arena => arena;

    public int Side => side;

    public int Length => length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) arena.Release();
    }
}
