using Google.Protobuf;

namespace RobustFT.Inference.Onnx.Writing;

/// <summary>
/// Writes one protobuf message with <see cref="CodedOutputStream"/>; nested messages are written into their own
/// <see cref="ProtoWriter"/> and embedded as length-delimited bytes.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public ProtoWriter()
    {
        _out = new CodedOutputStream(_buffer, leaveOpen: true);
    }

    public void Int64(int field, long value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt64(value);
    }

    public void Int32(int field, int value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt32(value);
    }

    public void Float(int field, float value)
    {
        _out.WriteTag(field, WireFormat.WireType.Fixed32);
        _out.WriteFloat(value);
    }

    public void String(int field, string value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
    }

    public void Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        Bytes(field, nested.ToArray());
    }

    public void PackedInt64(int field, IReadOnlyList<long> values)
    {
        var nested = new ProtoWriter();
        foreach (var v in values)
        {
            nested._out.WriteInt64(v);
        }

        Bytes(field, nested.ToArray());
    }

    public void PackedFloat(int field, IReadOnlyList<float> values)
    {
        var nested = new ProtoWriter();
        foreach (var v in values)
        {
            nested._out.WriteFloat(v);
        }

        Bytes(field, nested.ToArray());
    }

    public byte[] ToArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }
}
