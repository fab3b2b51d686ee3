using RobustFT.Inference.Onnx.Native;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>
/// A native ORT tensor. Created over managed memory without a copy (<see cref="FromMemory{T}(OrtRuntime, Memory{T}, ReadOnlySpan{long})"/>:
/// the memory stays pinned until the value is disposed, and writes to it are seen by later runs), or returned by
/// <see cref="OrtSession.Run(IReadOnlyList{NamedOrtValue}, IReadOnlyList{string})"/>, whose data
/// <see cref="AsSpan{T}"/> reads in place. Dispose it; disposing twice is safe.
/// </summary>
public sealed unsafe class OrtValue : IDisposable
{
    private readonly OrtNativeLibrary _native;
    private readonly OrtValueHandle _handle;
    private OrtElementType _elementType;
    private long[]? _shape;
    private long _elementCount = -1;

    private OrtValue(OrtNativeLibrary native, OrtValueHandle handle, OrtElementType elementType, long[]? shape)
    {
        _native = native;
        _handle = handle;
        _elementType = elementType;
        _shape = shape;
        if (shape is not null)
        {
            _elementCount = ElementCountOf(shape);
        }
    }

    /// <summary>Tensor element type.</summary>
    public OrtElementType ElementType
    {
        get
        {
            EnsureTypeAndShape();
            return _elementType;
        }
    }

    /// <summary>Tensor dimensions (a copy).</summary>
    public long[] Shape
    {
        get
        {
            EnsureTypeAndShape();
            return (long[])_shape!.Clone();
        }
    }

    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public long ElementCount
    {
        get
        {
            EnsureTypeAndShape();
            return _elementCount;
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _handle.IsClosed;

    internal OrtValueHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>
    /// A tensor over <paramref name="data"/> without copying it; the element type follows <typeparamref name="T"/>
    /// (float, long → int64, int → int32, bool → bool, byte → uint8, Half → float16, …).
    /// </summary>
    public static OrtValue FromMemory<T>(OrtRuntime runtime, Memory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged =>
        FromMemory(runtime, data, shape, OrtElementTypes.Of<T>());

    /// <summary>
    /// A tensor over <paramref name="data"/> without copying, with an explicit element type of the same size as
    /// <typeparamref name="T"/> (e.g. <c>byte</c> memory as a <see cref="OrtElementType.Bool"/> tensor).
    /// </summary>
    public static OrtValue FromMemory<T>(OrtRuntime runtime, Memory<T> data, ReadOnlySpan<long> shape, OrtElementType elementType)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (OrtElementTypes.SizeOf(elementType) != sizeof(T))
        {
            throw new ArgumentException(
                $"Element type {elementType} ({OrtElementTypes.SizeOf(elementType)} bytes) does not fit {typeof(T).Name} ({sizeof(T)} bytes).",
                nameof(elementType));
        }

        var dims = shape.ToArray();
        var count = ElementCountOf(dims);
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", dims)}] holds {count} elements but the memory holds {data.Length}.", nameof(shape));
        }

        var handle = new OrtValueHandle(runtime.Native);
        var pin = data.Pin();
        try
        {
            var value = runtime.Native.CreateTensorWithData(
                runtime.CpuMemoryInfo, pin.Pointer, (long)data.Length * sizeof(T), dims, (int)elementType);
            handle.OwnPin(pin);
            handle.Attach(value);
        }
        catch
        {
            pin.Dispose();
            handle.Dispose();
            throw;
        }

        return new OrtValue(runtime.Native, handle, elementType, dims);
    }

    /// <summary>Shorthand for <see cref="FromMemory{T}(OrtRuntime, Memory{T}, ReadOnlySpan{long})"/> over an array.</summary>
    public static OrtValue FromArray<T>(OrtRuntime runtime, T[] data, params long[] shape)
        where T : unmanaged =>
        FromMemory<T>(runtime, data, shape);

    /// <summary>Wraps a value ORT allocated (run outputs); the wrapper owns it.</summary>
    internal static OrtValue FromNative(OrtNativeLibrary native, nint value)
    {
        var handle = new OrtValueHandle(native);
        handle.Attach(value);
        return new OrtValue(native, handle, OrtElementType.Undefined, null);
    }

    /// <summary>
    /// The tensor's data in place (no copy), valid until this value is disposed. <typeparamref name="T"/> must match
    /// <see cref="ElementType"/> (<c>byte</c> also reads bool tensors).
    /// </summary>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        EnsureTypeAndShape();
        if (!OrtElementTypes.IsViewableAs<T>(_elementType))
        {
            throw new InvalidOperationException($"Tensor of {_elementType} cannot be read as {typeof(T).Name}.");
        }

        var data = _native.GetTensorMutableData(Handle.DangerousGetHandle());
        return new ReadOnlySpan<T>((void*)data, checked((int)_elementCount));
    }

    /// <summary>A managed copy of the tensor's data.</summary>
    public T[] ToArray<T>()
        where T : unmanaged =>
        AsSpan<T>().ToArray();

    public void Dispose() => _handle.Dispose();

    private void EnsureTypeAndShape()
    {
        if (_shape is not null)
        {
            return;
        }

        var value = Handle.DangerousGetHandle();
        if (!_native.IsTensor(value))
        {
            throw new NotSupportedException("The value is not a tensor (sequences and maps are not supported).");
        }

        using var info = _native.GetTensorTypeAndShape(value);
        var raw = info.DangerousGetHandle();
        _elementType = (OrtElementType)_native.GetTensorElementType(raw);
        _elementCount = _native.GetTensorShapeElementCount(raw);
        _shape = _native.GetDimensions(raw);
    }

    private static long ElementCountOf(long[] dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Tensor dimensions must be non-negative, got [{string.Join(", ", dims)}].");
            }

            count = checked(count * d);
        }

        return count;
    }

    public override string ToString() =>
        IsDisposed ? "OrtValue(disposed)" : $"OrtValue({ElementType}[{string.Join(", ", Shape)}])";
}
