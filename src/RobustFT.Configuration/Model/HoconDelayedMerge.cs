namespace RobustFT.Configuration.Model;

/// <summary>
/// Successive definitions of one field whose merge must wait for resolution (at least one is unresolved): resolved in
/// order, an undefined optional substitution keeps the earlier value, objects merge, anything else replaces.
/// </summary>
public sealed class HoconDelayedMerge : HoconValue
{
    public HoconDelayedMerge(IEnumerable<HoconValue> stack, HoconOrigin origin)
        : base(origin) => Stack = stack.ToArray();

    public IReadOnlyList<HoconValue> Stack { get; }

    public override bool IsResolved => false;

    internal override string KindName => "merge";
}
