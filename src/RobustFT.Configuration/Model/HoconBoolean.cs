namespace RobustFT.Configuration.Model;

public sealed class HoconBoolean : HoconValue
{
    public HoconBoolean(bool value, HoconOrigin origin)
        : base(origin) => Value = value;

    public bool Value { get; }

    public override bool IsResolved => true;

    internal override string KindName => "boolean";

    public override string? GetString() => Value ? "true" : "false";

    public override string ToString() => Value ? "true" : "false";
}
