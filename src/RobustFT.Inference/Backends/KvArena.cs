using Microsoft.ML.OnnxRuntime;

namespace RobustFT.Inference.Backends;

/// <summary>
/// ORT-allocated buffers for one batch size: host memory for the logits, and the KV cache: two sides (ping-pong) of a key and a value buffer per layer, each
/// holding [batch, heads, capacity, head_dim] floats. A call reads the past from one side and ORT writes the present
/// (past + new positions, as the model's Concat produces it) into the other, so nothing is copied by the generator and
/// nothing is allocated per step. A side grows (reallocated, contents not kept) only when it is about to be written
/// with a longer sequence than it holds. Reference-counted: the decoder states that point at it share it, and the
/// last release returns it to its <see cref="OnnxDecoderStep"/>'s pool for the next batch of the same size.
/// </summary>
internal sealed class KvArena(OrtAllocator allocator, int batch, int layers, int heads, int headDim, Action<KvArena> release)
{
    private OrtMemoryAllocation? _logits;
    private long _logitsCapacity;
    private readonly OrtMemoryAllocation?[,,] _buffers = new OrtMemoryAllocation?[2, layers, 2];
    private readonly int[] _capacity = new int[2];
    private int _references;

    public int Batch => batch;

    public OrtMemoryAllocation Key(int side, int layer) => _buffers[side, layer, 0]!;

    public OrtMemoryAllocation Value(int side, int layer) => _buffers[side, layer, 1]!;

    /// <summary>Makes <paramref name="side"/> hold at least <paramref name="length"/> positions (growing to at least
    /// <paramref name="reserve"/>, or double the old capacity).</summary>
    public void EnsureCapacity(int side, int length, int reserve)
    {
        if (_capacity[side] >= length) return;
        var capacity = Math.Max(length, Math.Max(reserve, 2 * _capacity[side]));
        var bytes = checked((uint)((long)batch * heads * capacity * headDim * sizeof(float)));
        for (var l = 0; l < layers; l++)
            for (var kv = 0; kv < 2; kv++)
            {
                _buffers[side, l, kv]?.Dispose();
                _buffers[side, l, kv] = null;
                _buffers[side, l, kv] = allocator.Allocate(bytes);
            }
        _capacity[side] = capacity;
    }

    /// <summary>A host buffer for at least <paramref name="floats"/> logits (grown when needed, contents not kept):
    /// the logits are bound to it, so ORT writes them there instead of allocating fresh memory every call.</summary>
    public OrtMemoryAllocation Logits(long floats)
    {
        if (_logits is null || _logitsCapacity < floats)
        {
            _logits?.Dispose();
            _logits = null;
            var capacity = Math.Max(floats, 2 * _logitsCapacity);
            _logits = OrtAllocator.DefaultInstance.Allocate(checked((uint)(capacity * sizeof(float))));
            _logitsCapacity = capacity;
        }
        return _logits;
    }

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) release(this);
    }

    /// <summary>Frees the native buffers (when the owning step is disposed).</summary>
    public void Free()
    {
        foreach (var buffer in _buffers) buffer?.Dispose();
        Array.Clear(_buffers);
        _logits?.Dispose();
        _logits = null;
        _logitsCapacity = 0;
        Array.Clear(_capacity);
    }
}
