using System.Globalization;

namespace RobustFT.Configuration.Model;

/// <summary>A number, kept as written (JSON number syntax) so that rendering round-trips exactly.</summary>
public sealed class HoconNumber : HoconValue
{
    public HoconNumber(string text, HoconOrigin origin)
        : base(origin) => Text = text;

    public string Text { get; }

    public override bool IsResolved => true;

    internal override string KindName => "number";

    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public override string? GetString() => Text;

    public override string ToString() => Text;
}
