namespace RobustFT.Configuration.Model;

/// <summary>A value concatenation that needs resolution (it contains a substitution, object or array).</summary>
public sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IEnumerable<HoconValue> parts, HoconOrigin origin)
        : base(origin) => Parts = parts.ToArray();

    /// <summary>Parts in order; whitespace between values is kept as whitespace string parts.</summary>
    public IReadOnlyList<HoconValue> Parts { get; }

    public override bool IsResolved => false;

    internal override string KindName => "concatenation";
}
