namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>Maps CLR element types to <see cref="OrtElementType"/> and back to sizes.</summary>
public static class OrtElementTypes
{
    /// <summary>The ORT element type of <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> for others.</summary>
    public static OrtElementType Of<T>()
        where T : unmanaged
    {
        var t = typeof(T);
        if (t == typeof(float)) return OrtElementType.Float;
        if (t == typeof(long)) return OrtElementType.Int64;
        if (t == typeof(int)) return OrtElementType.Int32;
        if (t == typeof(bool)) return OrtElementType.Bool;
        if (t == typeof(byte)) return OrtElementType.Uint8;
        if (t == typeof(sbyte)) return OrtElementType.Int8;
        if (t == typeof(short)) return OrtElementType.Int16;
        if (t == typeof(ushort)) return OrtElementType.Uint16;
        if (t == typeof(uint)) return OrtElementType.Uint32;
        if (t == typeof(ulong)) return OrtElementType.Uint64;
        if (t == typeof(double)) return OrtElementType.Double;
        if (t == typeof(Half)) return OrtElementType.Float16;
        throw new NotSupportedException($"No ONNX tensor element type for {t.Name}.");
    }

    /// <summary>Size in bytes of one element, or 0 for types without a fixed size (string, undefined).</summary>
    public static int SizeOf(OrtElementType type) => type switch
    {
        OrtElementType.Float or OrtElementType.Int32 or OrtElementType.Uint32 => 4,
        OrtElementType.Int64 or OrtElementType.Uint64 or OrtElementType.Double or OrtElementType.Complex64 => 8,
        OrtElementType.Uint8 or OrtElementType.Int8 or OrtElementType.Bool => 1,
        OrtElementType.Int16 or OrtElementType.Uint16 or OrtElementType.Float16 or OrtElementType.BFloat16 => 2,
        OrtElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>
    /// Whether a tensor of <paramref name="type"/> may be viewed as <typeparamref name="T"/>: the exact match, or
    /// <c>byte</c> over bool/uint8 tensors.
    /// </summary>
    public static bool IsViewableAs<T>(OrtElementType type)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return type is OrtElementType.Uint8 or OrtElementType.Bool;
        }

        return Of<T>() == type;
    }
}
