namespace RobustFT.Configuration.Model;

/// <summary>A string value (quoted, unquoted, triple-quoted, or the result of a string concatenation).</summary>
public sealed class HoconString : HoconValue
{
    public HoconString(string value, HoconOrigin origin)
        : this(value, origin, isWhitespace: false)
    {
    }

    private HoconString(string value, HoconOrigin origin, bool isWhitespace)
        : base(origin)
    {
        Value = value;
        IsWhitespace = isWhitespace;
    }

    public string Value { get; }

    public override bool IsResolved => true;

    /// <summary>True for the whitespace between parts of a value concatenation (dropped in object/array concatenation).</summary>
    internal bool IsWhitespace { get; }

    internal override string KindName => "string";

    internal static HoconString Whitespace(string text, HoconOrigin origin) => new(text, origin, isWhitespace: true);

    public override string? GetString() => Value;

    public override string ToString() => Value;
}
