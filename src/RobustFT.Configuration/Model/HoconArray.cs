namespace RobustFT.Configuration.Model;

public sealed class HoconArray : HoconValue
{
    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        Items = items.ToArray();
        IsResolved = Items.All(i => i.IsResolved);
    }

    public IReadOnlyList<HoconValue> Items { get; }

    public override bool IsResolved { get; }

    internal override string KindName => "array";
}
