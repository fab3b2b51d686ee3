using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Backends;

/// <summary><see cref="IDecoderStep"/> over an ORT session of an Optimum decoder export, with or without KV cache
/// (detected from the input names). Runs through an <see cref="OrtIoBinding"/>: ids, mask and positions are bound over
/// the managed arrays without copies, the past is bound in place from ORT-allocated buffers and the present is written
/// by ORT straight into the other half of the same preallocated <see cref="KvArena"/> (on the execution provider's
/// device: host memory on CPU, device memory on CUDA); only the logits come back to host memory.
/// A state returned by <see cref="IDecoderStepOutput.TakePresent"/> stays valid until the call after the one it feeds.</summary>
public sealed class OnnxDecoderStep : IDecoderStep, IDecoderStateSplicer, IDisposable
{
    private static readonly float[] EmptyCache = [];

    private readonly bool _ownsSession;
    private readonly OrtAllocator _cacheAllocator;
    private readonly OrtMemoryInfo? _cacheMemory;
    private readonly ConcurrentDictionary<int, ConcurrentBag<KvArena>> _pool = new();
    private readonly ConcurrentBag<KvArena> _all = [];

    public OnnxDecoderStep(OnnxSession session, bool ownsSession = false, SessionConfig? config = null)
    {
        Session = session;
        _ownsSession = ownsSession;
        Layout = DecoderLayout.Detect(session.Source, session.Inputs, session.Outputs);
        if (config is { ExecutionProvider: SessionConfig.Cuda })
        {
            _cacheMemory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, config.DeviceId, OrtMemType.Default);
            _cacheAllocator = new OrtAllocator(session.Inner, _cacheMemory);
        }
        else _cacheAllocator = OrtAllocator.DefaultInstance;
    }

    /// <summary>Opens <paramref name="modelPath"/> and checks its layout (the session is closed again on a bad layout).</summary>
    public static OnnxDecoderStep Open(string modelPath, SessionConfig config)
    {
        var session = OnnxSession.Open(modelPath, config);
        try
        {
            return new OnnxDecoderStep(session, ownsSession: true, config);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public OnnxSession Session { get; }

    public DecoderLayout Layout { get; }

    public int VocabSize => Layout.VocabSize;

    public bool UsesKvCache => Layout.UsesKvCache;

    public IDecoderStepOutput Run(DecoderBatch batch, IDecoderState? past)
    {
        var pinned = new List<OrtValue>(6);
        KvArena? arena = null;
        var writeSide = 0;
        var binding = Session.Inner.CreateIoBinding();
        try
        {
            OrtValue Pin<T>(T[] data, params long[] shape) where T : unmanaged
            {
                var value = OrtValue.CreateTensorValueFromMemory(data, shape);
                pinned.Add(value);
                return value;
            }

            binding.BindInput(DecoderLayout.InputIds, Pin(batch.InputIds, batch.BatchSize, batch.SequenceLength));
            binding.BindInput(DecoderLayout.AttentionMask, Pin(batch.AttentionMask, batch.BatchSize, batch.TotalLength));
            if (Layout.HasPositionIds)
                binding.BindInput(DecoderLayout.PositionIdsName, Pin(batch.PositionIds, batch.BatchSize, batch.SequenceLength));
            if (Layout.HasUseCacheBranch)
                binding.BindInput(DecoderLayout.UseCacheBranch, Pin(new[] { past is not null }, 1));

            if (UsesKvCache)
            {
                (arena, writeSide) = BindCache(binding, batch, past, Pin);
            }
            else if (past is not null)
                throw new ArgumentException($"{nameof(OnnxDecoderStep)}: this export has no KV cache, but a past state was given.", nameof(past));
            else arena = Rent(batch.BatchSize);

            // The logits go into the arena's host buffer (ORT copies them there from the device on CUDA).
            if (VocabSize > 0)
                binding.BindOutput(DecoderLayout.Logits, TensorElementType.Float, [batch.BatchSize, batch.SequenceLength, VocabSize],
                    arena.Logits((long)batch.BatchSize * batch.SequenceLength * VocabSize));
            else binding.BindOutputToDevice(DecoderLayout.Logits, OrtMemoryInfo.DefaultInstance);

            using (var runOptions = new RunOptions()) Session.Run(binding, runOptions);
            var state = UsesKvCache ? new OnnxKvState(arena, writeSide, batch.TotalLength) : null;
            if (state is not null) arena.AddReference();
            var output = VocabSize > 0
                ? new Output(arena, null, binding, batch.BatchSize, batch.SequenceLength, VocabSize, state)
                : OutputOverOrtLogits(arena, binding, batch, state);
            arena = null;
            return output;
        }
        catch
        {
            arena?.Release();
            binding.Dispose();
            throw;
        }
        finally
        {
            foreach (var value in pinned) value.Dispose();
        }
    }

    private static Output OutputOverOrtLogits(KvArena arena, OrtIoBinding binding, DecoderBatch batch, OnnxKvState? state)
    {
        var values = binding.GetOutputValues();
        return new Output(arena, values, binding, batch.BatchSize, batch.SequenceLength, (int)values[0].GetTensorTypeAndShape().Shape[2], state);
    }

    private (KvArena Arena, int WriteSide) BindCache(OrtIoBinding binding, DecoderBatch batch, IDecoderState? past, Func<float[], long[], OrtValue> pin)
    {
        KvArena arena;
        int readSide;
        if (past is OnnxKvState state)
        {
            if (state.Length != batch.PastLength)
                throw new ArgumentException($"The cache covers {state.Length} positions but the batch says past = {batch.PastLength}.", nameof(past));
            if (state.Arena.Batch != batch.BatchSize)
                throw new ArgumentException($"The cache holds {state.Arena.Batch} rows but the batch has {batch.BatchSize}.", nameof(past));
            arena = state.Arena;
            arena.AddReference();
            readSide = state.Side;
        }
        else if (past is not null)
            throw new ArgumentException($"{nameof(OnnxDecoderStep)} needs its own cache state, got {past.GetType().Name}.", nameof(past));
        else
        {
            if (batch.PastLength != 0) throw new ArgumentException("No cache was given but the batch says past > 0.", nameof(past));
            arena = Rent(batch.BatchSize);
            readSide = -1;
        }

        try
        {
            var writeSide = readSide == 0 ? 1 : 0;
            arena.EnsureCapacity(writeSide, batch.TotalLength, batch.ReserveLength);
            long[] pastShape = [batch.BatchSize, Layout.Heads, batch.PastLength, Layout.HeadDim];
            long[] presentShape = [batch.BatchSize, Layout.Heads, batch.TotalLength, Layout.HeadDim];
            for (var l = 0; l < Layout.Layers; l++)
            {
                if (readSide < 0)
                {
                    binding.BindInput(DecoderLayout.PastKey(l), pin(EmptyCache, pastShape));
                    binding.BindInput(DecoderLayout.PastValue(l), pin(EmptyCache, pastShape));
                }
                else
                {
                    binding.BindInput(DecoderLayout.PastKey(l), TensorElementType.Float, pastShape, arena.Key(readSide, l));
                    binding.BindInput(DecoderLayout.PastValue(l), TensorElementType.Float, pastShape, arena.Value(readSide, l));
                }
                binding.BindOutput(DecoderLayout.PresentKey(l), TensorElementType.Float, presentShape, arena.Key(writeSide, l));
                binding.BindOutput(DecoderLayout.PresentValue(l), TensorElementType.Float, presentShape, arena.Value(writeSide, l));
            }
            return (arena, writeSide);
        }
        catch
        {
            arena.Release();
            throw;
        }
    }

    /// <summary>Host-memory caches only (the CPU execution provider): a CUDA cache is not spliced, the generator
    /// recomputes it instead.</summary>
    public bool CanSplice => UsesKvCache && _cacheMemory is null;

    public unsafe IDecoderState Splice(IReadOnlyList<(IDecoderState State, int Row, int Positions)> rows, int length, int reserveLength)
    {
        if (!CanSplice) throw new NotSupportedException("this decoder step's cache cannot be spliced");
        var sources = rows.Select(r => r.State as OnnxKvState ?? throw new ArgumentException($"{nameof(OnnxDecoderStep)} splices its own cache states only", nameof(rows))).ToArray();
        if (rows.Any(r => r.Positions > length || r.Positions > r.State.Length))
            throw new ArgumentException($"a row keeps more positions than its source or the new cache ({length}) holds", nameof(rows));
        var arena = Rent(rows.Count);
        try
        {
            arena.EnsureCapacity(0, length, reserveLength);
            var heads = Layout.Heads;
            var headDim = Layout.HeadDim;
            for (var l = 0; l < Layout.Layers; l++)
            for (var kv = 0; kv < 2; kv++)
            {
                var target = (float*)(kv == 0 ? arena.Key(0, l) : arena.Value(0, l)).DangerousGetHandle();
                for (var b = 0; b < rows.Count; b++)
                {
                    var source = sources[b];
                    var from = (float*)(kv == 0 ? source.Arena.Key(source.Side, l) : source.Arena.Value(source.Side, l)).DangerousGetHandle();
                    var keep = rows[b].Positions;
                    var pad = length - keep;
                    for (var h = 0; h < heads; h++)
                    {
                        var to = target + ((long)(b * heads + h) * length) * headDim;
                        new Span<float>(to, pad * headDim).Clear();
                        var start = from + ((long)(rows[b].Row * heads + h) * source.Length + source.Length - keep) * headDim;
                        var bytes = (long)keep * headDim * sizeof(float);
                        Buffer.MemoryCopy(start, to + (long)pad * headDim, bytes, bytes);
                    }
                }
            }
            return new OnnxKvState(arena, 0, length);
        }
        catch
        {
            arena.Release();
            throw;
        }
    }

    private KvArena Rent(int batch)
    {
        var bag = _pool.GetOrAdd(batch, _ => []);
        if (!bag.TryTake(out var arena))
        {
            arena = new KvArena(_cacheAllocator, batch, Layout.Layers, Layout.Heads, Layout.HeadDim, a => _pool[a.Batch].Add(a));
            _all.Add(arena);
        }
        arena.AddReference();
        return arena;
    }

    public void Dispose()
    {
        foreach (var arena in _all) arena.Free();
        _all.Clear();
        if (!ReferenceEquals(_cacheAllocator, OrtAllocator.DefaultInstance)) _cacheAllocator.Dispose();
        _cacheMemory?.Dispose();
        if (_ownsSession) Session.Dispose();
    }

    /// <summary>One call's logits (in the arena's host buffer, or in ORT's output when the vocabulary is symbolic) and
    /// present state; holds a reference to the arena until disposed.</summary>
    private sealed unsafe class Output(KvArena arena, IDisposableReadOnlyCollection<OrtValue>? values, OrtIoBinding binding, int batch, int seq, int vocab, OnnxKvState? present)
        : IDecoderStepOutput
    {
        private readonly float* _logits = values is null ? (float*)arena.Logits((long)batch * seq * vocab).DangerousGetHandle() : null;
        private OnnxKvState? _present = present;
        private int _disposed;

        public int BatchSize => batch;

        public int SequenceLength => seq;

        public ReadOnlySpan<float> Logits(int row, int position)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var offset = (row * seq + position) * vocab;
            return values is null ? new ReadOnlySpan<float>(_logits + offset, vocab) : values[0].GetTensorDataAsSpan<float>().Slice(offset, vocab);
        }

        public IDecoderState? TakePresent() => Interlocked.Exchange(ref _present, null);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Interlocked.Exchange(ref _present, null)?.Dispose();
            values?.Dispose();
            binding.Dispose();
            arena.Release();
        }
    }
}
