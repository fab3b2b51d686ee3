namespace RobustFT.Configuration.Model;

public sealed class HoconNull : HoconValue
{
    public HoconNull(HoconOrigin origin)
        : base(origin)
    {
    }

    public override bool IsResolved => true;

    internal override string KindName => "null";

    public override string? GetString() => null;

    public override string ToString() => "null";
}
